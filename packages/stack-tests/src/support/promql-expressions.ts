import { asArray, asRecord, listDeployFiles, readDeployText, readYaml } from './deploy-files.js';

/** A PromQL expression shipped under deploy/, and where it comes from (for failure messages). */
export interface ShippedExpression {
  source: string;
  expr: string;
}

export interface DashboardQuery extends ShippedExpression {
  dashboardUid: string;
}

/** Every panel target of every dashboard in deploy/grafana/dashboards. */
export function dashboardQueries(): DashboardQuery[] {
  return listDeployFiles('grafana/dashboards', '.json').flatMap((file) => {
    const dashboard = asRecord(JSON.parse(readDeployText('grafana/dashboards', file)), file);
    const uid = String(dashboard.uid);
    return asArray(dashboard.panels, `${file} panels`).flatMap((rawPanel) => {
      const panel = asRecord(rawPanel, `${file} panel`);
      return asArray(panel.targets, `${file} panel "${String(panel.title)}" targets`).map((rawTarget) => {
        const target = asRecord(rawTarget, `${file} target`);
        return {
          source: `${file} › ${String(panel.title)} › ${String(target.refId)}`,
          expr: String(target.expr),
          dashboardUid: uid,
        };
      });
    });
  });
}

export interface RuleExpression extends ShippedExpression {
  kind: 'record' | 'alert';
  name: string;
}

/** Every recording and alerting rule in deploy/prometheus/rules. */
export function ruleExpressions(): RuleExpression[] {
  return listDeployFiles('prometheus/rules', '.yml').flatMap((file) => {
    const groups = asArray(asRecord(readYaml('prometheus/rules', file), file).groups, `${file} groups`);
    return groups.flatMap((rawGroup) => {
      const group = asRecord(rawGroup, `${file} group`);
      return asArray(group.rules, `${file} ${String(group.name)} rules`).map((rawRule) => {
        const rule = asRecord(rawRule, `${file} rule`);
        const kind = typeof rule.alert === 'string' ? 'alert' : 'record';
        const name = String(kind === 'alert' ? rule.alert : rule.record);
        return { source: `${file} › ${name}`, expr: String(rule.expr).trim(), kind, name };
      });
    });
  });
}

/**
 * Grafana's variables replaced as Grafana itself would before sending a query: `$tenant` with the
 * regex of the chosen tenants, `$__rate_interval` with a window that holds several scrapes.
 */
export function substituteGrafanaVariables(expr: string, tenantRegex: string, rateInterval: string): string {
  return expr.replaceAll('$__rate_interval', rateInterval).replaceAll('$tenant', tenantRegex);
}

const COMPARISONS = ['>=', '<=', '==', '!=', '>', '<'];
const SET_OPERATORS = ['and', 'unless', 'or'];

/**
 * The measured side of each condition of an alert: `a > 1.5 * b and c >= 20` gives `a` and `c`.
 * An alert returns nothing while it is quiet, so what must return data under load is the signal
 * it compares; the whole expression is still sent to Prometheus to prove it evaluates. Splits only
 * at top level (outside (), {}, [] and quotes).
 */
export function alertSignals(expr: string): string[] {
  return splitTopLevel(expr, SET_OPERATORS, true).map((condition) => {
    const [signal] = splitTopLevel(condition, COMPARISONS, false);
    return (signal ?? condition).trim();
  });
}

function splitTopLevel(expr: string, operators: string[], words: boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i] ?? '';
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if ('({['.includes(ch)) depth++;
    else if (')}]'.includes(ch)) depth--;
    else if (depth === 0) {
      const op = operators.find((o) => expr.startsWith(o, i) && (!words || isWordBoundary(expr, i, o.length)));
      if (op === undefined) continue;
      // `=~` and `!~` only occur inside braces; a `=` after `<`/`>` is part of the operator found.
      parts.push(expr.slice(start, i));
      i += op.length - 1;
      start = i + 1;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function isWordBoundary(expr: string, index: number, length: number): boolean {
  const before = expr[index - 1] ?? ' ';
  const after = expr[index + length] ?? ' ';
  return /\s|\)/.test(before) && /\s|\(/.test(after);
}

/** The alert annotations every dashboard overlays (Prometheus `ALERTS` series). */
export function dashboardAnnotationQueries(): ShippedExpression[] {
  return listDeployFiles('grafana/dashboards', '.json').flatMap((file) => {
    const dashboard = asRecord(JSON.parse(readDeployText('grafana/dashboards', file)), file);
    const list = asArray(asRecord(dashboard.annotations, `${file} annotations`).list, `${file} annotations`);
    return list.map((raw) => ({ source: `${file} › annotation`, expr: String(asRecord(raw, file).expr) }));
  });
}

/** PromQL inside the Grafana data sources: the Tempo → metrics queries. */
export function datasourceQueries(): ShippedExpression[] {
  const provisioning = asRecord(readYaml('grafana/provisioning/datasources/lumay.yaml'), 'datasources');
  return asArray(provisioning.datasources, 'datasources').flatMap((raw) => {
    const json = asRecord(asRecord(raw, 'datasource').jsonData ?? {}, 'jsonData');
    const toMetrics =
      json.tracesToMetrics === undefined
        ? []
        : asArray(asRecord(json.tracesToMetrics, 'tracesToMetrics').queries, 'queries');
    return toMetrics.map((q) => ({
      source: `tracesToMetrics › ${String(asRecord(q, 'query').name)}`,
      expr: String(asRecord(q, 'query').query),
    }));
  });
}
