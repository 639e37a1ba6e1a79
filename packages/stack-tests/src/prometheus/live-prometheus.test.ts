import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulateEngineBurst, startEngineStandIn, type EngineStandIn } from '../support/engine-stand-in.js';
import { sendCalls, sendRejectedExports } from '../support/load.js';
import { startPlane, type RunningPlane } from '../support/plane-process.js';
import {
  startPrometheus,
  testPrometheusConfig,
  type PromVector,
  type RunningPrometheus,
} from '../support/prometheus-process.js';
import {
  alertSignals,
  dashboardAnnotationQueries,
  datasourceQueries,
  dashboardQueries,
  ruleExpressions,
  substituteGrafanaVariables,
  type ShippedExpression,
} from '../support/promql-expressions.js';
import { requireTool } from '@lumay/test-support';

const TENANT = 'acme';
/** What Grafana sends for `$__rate_interval` here: wide enough to hold both load bursts. */
const RATE_INTERVAL = '5m';

function hasFiniteSample(result: PromVector): boolean {
  return result.some((sample) => Number.isFinite(Number(sample.value[1])));
}

/** Polls until every expression returns a finite sample (rules need a few evaluations), or the deadline. */
async function evaluateUntilData(
  prometheus: RunningPrometheus,
  expressions: ShippedExpression[],
  timeoutMillis: number,
): Promise<Map<string, PromVector>> {
  const results = new Map<string, PromVector>();
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    for (const { expr } of expressions) {
      if (hasFiniteSample(results.get(expr) ?? [])) continue;
      results.set(expr, await prometheus.query(expr));
    }
    const missing = expressions.filter(({ expr }) => !hasFiniteSample(results.get(expr) ?? []));
    if (missing.length === 0 || Date.now() > deadline) return results;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function waitForQuery(
  prometheus: RunningPrometheus,
  expr: string,
  ok: (value: number) => boolean,
  what: string,
): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = Number((await prometheus.query(expr))[0]?.value[1] ?? NaN);
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${expr} = ${value})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

test('a real Prometheus scrapes a plane and an engine under load; every shipped PromQL expression returns data', async (t) => {
  if (!requireTool(t, 'prometheus', 'apt-get install -y prometheus')) return;
  let plane: RunningPlane | undefined;
  let engine: EngineStandIn | undefined;
  let prometheus: RunningPrometheus | undefined;
  try {
    plane = await startPlane(TENANT);
    engine = await startEngineStandIn();
    prometheus = await startPrometheus(
      testPrometheusConfig({
        'lumay-plane': { address: new URL(plane.baseUrl).host },
        'lumay-engines': { address: engine.address, labels: { tenant: TENANT } },
      }),
    );

    // Two bursts with scrapes between them, so counters have an increase to rate over.
    simulateEngineBurst(engine.metrics, 20);
    sendCalls(plane.baseUrl, plane.apiKey, 40, 7);
    assert.deepEqual(await sendRejectedExports(plane.baseUrl, plane.apiKey), [401, 400, 200]);
    // Targets are scraped at different offsets within the interval: wait for both.
    const firstCount = await waitForQuery(
      prometheus,
      `sum(lumay_calls_total{tenant="${TENANT}"})`,
      (v) => v > 0,
      'the first burst to be scraped',
    );
    await waitForQuery(
      prometheus,
      'sum(lumay_engine_active_calls)',
      (v) => v === 10,
      "the engine's first burst to be scraped",
    );
    simulateEngineBurst(engine.metrics, 30);
    sendCalls(plane.baseUrl, plane.apiKey, 40, 8);
    await sendRejectedExports(plane.baseUrl, plane.apiKey);
    await waitForQuery(
      prometheus,
      `sum(lumay_calls_total{tenant="${TENANT}"})`,
      (v) => v > firstCount,
      'the second burst to be scraped',
    );
    await waitForQuery(
      prometheus,
      'sum(lumay_engine_active_calls)',
      (v) => v === 25,
      "the engine's second burst to be scraped",
    );

    const live = prometheus;
    await t.test('both scrape jobs of the shipped config are up', async () => {
      const up = await live.query('up');
      assert.deepEqual(up.map((s) => [s.metric.job, s.value[1]]).sort(), [
        ['lumay-engines', '1'],
        ['lumay-plane', '1'],
      ]);
    });

    await t.test('every dashboard query, filtered to the tenant, returns data', async () => {
      const queries = dashboardQueries().map((q) => ({
        ...q,
        expr: substituteGrafanaVariables(q.expr, TENANT, RATE_INTERVAL),
      }));
      assert.ok(queries.length >= 30, `expected the six dashboards' queries, found ${queries.length}`);
      const results = await evaluateUntilData(live, queries, 45_000);
      const empty = queries
        .filter((q) => !hasFiniteSample(results.get(q.expr) ?? []))
        .map((q) => `${q.source}: ${q.expr}`);
      assert.deepEqual(empty, [], 'dashboard queries without data');
      // The tenant filter is real: every series a per-tenant query returns is that tenant's.
      for (const q of queries) {
        for (const sample of results.get(q.expr) ?? []) {
          if (sample.metric.tenant !== undefined) assert.equal(sample.metric.tenant, TENANT, q.source);
        }
      }
    });

    await t.test("the Tempo → metrics query returns data; the dashboards' alert annotations evaluate", async () => {
      const toMetrics = datasourceQueries();
      assert.ok(toMetrics.length >= 1);
      const results = await evaluateUntilData(live, toMetrics, 15_000);
      assert.deepEqual(
        toMetrics.filter((q) => !hasFiniteSample(results.get(q.expr) ?? [])).map((q) => q.source),
        [],
      );
      // ALERTS has series only while an alert is pending or firing: here it must parse and run.
      for (const q of dashboardAnnotationQueries())
        await live.query(substituteGrafanaVariables(q.expr, TENANT, RATE_INTERVAL));
    });

    await t.test("the dashboards' tenant variable lists the tenant", async () => {
      assert.deepEqual(await live.labelValues('tenant', 'lumay_calls_total'), [TENANT]);
    });

    await t.test('every recording rule returns data', async () => {
      const records = ruleExpressions().filter((r) => r.kind === 'record');
      const results = await evaluateUntilData(
        live,
        records.map((r) => ({ source: r.source, expr: r.name })),
        45_000,
      );
      const empty = records.filter((r) => !hasFiniteSample(results.get(r.name) ?? [])).map((r) => r.source);
      assert.deepEqual(empty, [], 'recorded series without data');
    });

    await t.test('every alert evaluates, and each signal it compares returns data', async () => {
      const alerts = ruleExpressions().filter((r) => r.kind === 'alert');
      assert.equal(alerts.length, 7);
      for (const alert of alerts) await live.query(alert.expr);
      const signals = alerts.flatMap((a) => alertSignals(a.expr).map((expr) => ({ source: a.source, expr })));
      const results = await evaluateUntilData(live, signals, 30_000);
      const empty = signals
        .filter((s) => !hasFiniteSample(results.get(s.expr) ?? []))
        .map((s) => `${s.source}: ${s.expr}`);
      assert.deepEqual(empty, [], 'alert signals without data');
    });

    await t.test("the plane's log lines are JSON with the fields Loki's labels and the LogQL join use", async () => {
      const lines = (plane?.output.lines ?? [])
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const ingest = lines.filter((l) => l.msg === 'request completed' && l.tenant !== undefined);
      assert.ok(ingest.length > 0, 'no request line carries the tenant');
      for (const line of ingest) {
        assert.equal(line.service, 'lumay-plane');
        assert.equal(line.tenant, TENANT);
        assert.match(String(line.correlation_id), /^[0-9a-f-]{36}$/);
      }
    });

    await t.test('Prometheus loaded every rule group without an evaluation error', async () => {
      const response = (await (await fetch(`${live.baseUrl}/api/v1/rules`)).json()) as {
        data: { groups: { name: string; rules: { name: string; health: string; lastError?: string }[] }[] };
      };
      const rules = response.data.groups.flatMap((g) => g.rules);
      assert.equal(rules.length, ruleExpressions().length);
      assert.deepEqual(
        rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError ?? r.health}`),
        [],
      );
    });
  } finally {
    await prometheus?.stop();
    await engine?.stop();
    await plane?.stop();
  }
});
