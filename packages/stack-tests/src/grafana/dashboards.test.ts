import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asArray, asRecord, listDeployFiles, readDeployText, readYaml } from '../support/deploy-files.js';
import { dashboardQueries } from '../support/promql-expressions.js';

interface Dashboard {
  file: string;
  uid: string;
  title: string;
  raw: Record<string, unknown>;
}

function dashboards(): Dashboard[] {
  return listDeployFiles('grafana/dashboards', '.json').map((file) => {
    const raw = asRecord(JSON.parse(readDeployText('grafana/dashboards', file)), file);
    return { file, uid: String(raw.uid), title: String(raw.title), raw };
  });
}

test('the six dashboards the issue asks for are shipped, with unique uids', () => {
  const all = dashboards();
  assert.deepEqual(all.map((d) => d.uid).sort(), [
    'lumay-connectors',
    'lumay-containment',
    'lumay-cost',
    'lumay-engines',
    'lumay-escalation',
    'lumay-sentiment',
  ]);
});

test('every dashboard has a multi-value tenant variable fed by the plane metrics', () => {
  for (const d of dashboards()) {
    const variables = asArray(asRecord(d.raw.templating, `${d.file} templating`).list, `${d.file} variables`).map((v) =>
      asRecord(v, d.file),
    );
    const tenant = variables.find((v) => v.name === 'tenant');
    assert.ok(tenant, `${d.file} has no tenant variable`);
    assert.equal(tenant.type, 'query', d.file);
    assert.equal(tenant.definition, 'label_values(lumay_calls_total, tenant)', d.file);
    assert.equal(tenant.multi, true, d.file);
  }
});

test('every dashboard query filters on the tenant variable, as a regex so "All" and several tenants work', () => {
  const queries = dashboardQueries();
  const unfiltered = queries.filter((q) => {
    // Each metric selector of the query must carry the filter: count selectors against filters.
    const selectors = q.expr.match(/[a-z_:]+\{[^}]*\}/g) ?? [];
    return selectors.length === 0 || selectors.some((s) => !s.includes('tenant=~"$tenant"'));
  });
  assert.deepEqual(
    unfiltered.map((q) => `${q.source}: ${q.expr}`),
    [],
  );
  // A bare metric name (no braces) would escape the filter.
  const bare = queries.filter((q) => /\blumay[a-z_:]*\b(?![{_a-z:])/.test(q.expr.replace(/[a-z_:]+\{[^}]*\}/g, '')));
  assert.deepEqual(
    bare.map((q) => q.source),
    [],
  );
});

test('every panel names its data source and unit, and fits the 24-column grid', () => {
  for (const d of dashboards()) {
    for (const raw of asArray(d.raw.panels, d.file)) {
      const panel = asRecord(raw, d.file);
      const where = `${d.file} › ${String(panel.title)}`;
      assert.deepEqual(panel.datasource, { type: 'prometheus', uid: 'prometheus' }, where);
      const grid = asRecord(panel.gridPos, where) as { x: number; w: number };
      assert.ok(grid.x + grid.w <= 24, where);
      const unit = asRecord(asRecord(panel.fieldConfig, where).defaults, where).unit;
      assert.equal(typeof unit, 'string', `${where} has no unit`);
    }
  }
});

test("the alerts' dashboard links open a shipped dashboard with the tenant selected", () => {
  const byUid = new Map(dashboards().map((d) => [d.uid, d]));
  // The five KPI alerts link to a dashboard; the two plane-health alerts have no tenant.
  const text = readDeployText('prometheus', 'rules', 'lumay-alerts.yml');
  for (const [, uid] of text.matchAll(/dashboard: \/d\/([a-z-]+)\/[a-z-]+\?var-tenant=\{\{ \$labels\.tenant \}\}/g)) {
    assert.ok(byUid.has(uid ?? ''), `alert links to unknown dashboard ${String(uid)}`);
  }
  assert.equal([...text.matchAll(/dashboard: /g)].length, 5);
});

test('the data sources wire the correlations: metrics → Tempo, Tempo → Loki, Loki → Tempo', () => {
  const provisioning = asRecord(readYaml('grafana/provisioning/datasources/lumay.yaml'), 'datasources');
  const sources = new Map(
    asArray(provisioning.datasources, 'datasources').map((raw) => {
      const ds = asRecord(raw, 'datasource');
      return [String(ds.uid), { type: String(ds.type), json: asRecord(ds.jsonData, String(ds.uid)) }];
    }),
  );
  assert.deepEqual([...sources.keys()].sort(), ['loki', 'prometheus', 'tempo']);
  // The dashboards' uid is the provisioned Prometheus.
  assert.equal(sources.get('prometheus')?.type, 'prometheus');
  const exemplars = asArray(sources.get('prometheus')?.json.exemplarTraceIdDestinations, 'exemplars').map((e) =>
    asRecord(e, 'exemplar'),
  );
  assert.deepEqual(
    exemplars.map((e) => [e.name, e.datasourceUid]),
    [['trace_id', 'tempo']],
  );
  const toLogs = asRecord(sources.get('tempo')?.json.tracesToLogsV2, 'tracesToLogsV2');
  assert.equal(toLogs.datasourceUid, 'loki');
  assert.equal(toLogs.filterByTraceID, true);
  // `$$` is Grafana's escape for a literal `$` in provisioning files (env expansion).
  assert.match(String(toLogs.query), /trace_id="\$\$\{__span\.traceId\}"/);
  const derived = asArray(sources.get('loki')?.json.derivedFields, 'derivedFields').map((f) =>
    asRecord(f, 'derivedField'),
  );
  assert.ok(derived.length >= 1);
  for (const field of derived) {
    assert.equal(field.datasourceUid, 'tempo');
    assert.equal(field.url, '$${__value.raw}');
  }
  // The regex form must actually find the trace id in one of the plane's JSON log lines.
  const regexField = derived.find((f) => f.matcherType === 'regex');
  const line =
    '{"level":"info","service":"lumay-plane","tenant":"acme","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","msg":"call stored"}';
  assert.equal(new RegExp(String(regexField?.matcherRegex)).exec(line)?.[1], '4bf92f3577b34da6a3ce929d0e0e4736');
});

test("the dashboard provider's path is where compose mounts the dashboards", () => {
  const provider = asRecord(
    asArray(asRecord(readYaml('grafana/provisioning/dashboards/lumay.yaml'), 'dashboards').providers, 'providers')[0],
    'provider',
  );
  const path = String(asRecord(provider.options, 'options').path);
  assert.match(readDeployText('compose', 'docker-compose.yml'), new RegExp(`\\.\\./grafana/dashboards:${path}:ro`));
});
