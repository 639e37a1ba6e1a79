import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { newSpanId, newTraceId, otlpJsonBody, postJson } from './otlp-json-body.js';
import { requireTool } from '@lumay/test-support';

const now = Date.now();

function call(callId: string, outcome: string, connectorOk: boolean): string {
  const traceId = newTraceId();
  const rootId = newSpanId();
  return otlpJsonBody([
    { traceId, spanId: rootId, name: 'call', startMs: now - 90_000, endMs: now - 30_000, attributes: { 'lumay.call.id': callId, 'lumay.call.outcome': outcome, 'gen_ai.agent.id': 'support' } },
    { traceId, spanId: newSpanId(), parentSpanId: rootId, name: 'llm', startMs: now - 80_000, endMs: now - 78_000, attributes: { 'lumay.stage': 'llm' } },
    { traceId, spanId: newSpanId(), parentSpanId: rootId, name: 'connector', startMs: now - 70_000, endMs: now - 69_500, attributes: { 'lumay.stage': 'connector', 'lumay.connector.name': 'crm', 'lumay.connector.success': connectorOk } },
  ]);
}

/** The value of one sample line of the exposition, by metric name and exact label set. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the plane /metrics', () => {
  let plane: TestPlane;
  let text: string;
  before(async () => {
    plane = await startTestPlane();
    const key = await plane.tenantWithKey('acme');
    for (const [id, outcome, ok] of [['m1', 'resolved', true], ['m2', 'resolved', false], ['m3', 'escalated', true]] as const) {
      assert.equal((await postJson(plane.httpUrl, key, call(id, outcome, ok))).status, 200);
    }
    await postJson(plane.httpUrl, key, '{"resourceSpans": 7}');
    await postJson(plane.httpUrl, null, call('x', 'resolved', true));
    await plane.settle();
    text = await (await fetch(`${plane.httpUrl}/metrics`)).text();
  });
  after(async () => plane.destroy());

  it('counts calls by tenant, agent, direction and outcome', () => {
    assert.equal(sample(text, 'lumay_calls_total{tenant="acme",agent="support",direction="inbound",outcome="resolved"}'), 2);
    assert.equal(sample(text, 'lumay_calls_total{tenant="acme",agent="support",direction="inbound",outcome="escalated"}'), 1);
    assert.equal(sample(text, 'lumay_call_duration_seconds_count{tenant="acme",direction="inbound"}'), 3);
    assert.equal(sample(text, 'lumay_call_duration_seconds_sum{tenant="acme",direction="inbound"}'), 180);
  });

  it('counts connector calls by outcome and stage time in seconds', () => {
    assert.equal(sample(text, 'lumay_connector_calls_total{tenant="acme",connector="crm",outcome="success"}'), 2);
    assert.equal(sample(text, 'lumay_connector_calls_total{tenant="acme",connector="crm",outcome="failure"}'), 1);
    assert.equal(sample(text, 'lumay_call_stage_seconds_sum{tenant="acme",stage="llm"}'), 6);
  });

  it("reports the plane's own health: records in, refusals by reason, calls in flight", () => {
    assert.equal(sample(text, 'lumay_ingest_records_total{signal="span"}'), 9);
    assert.equal(sample(text, 'lumay_ingest_requests_rejected_total{transport="http",reason="malformed"}'), 1);
    assert.equal(sample(text, 'lumay_ingest_requests_rejected_total{transport="http",reason="unauthorized"}'), 1);
    assert.equal(sample(text, 'lumay_calls_in_flight'), 0);
    // Ingest runs on its worker thread here (the default): its heap is reported beside the process's.
    assert.ok((sample(text, 'lumay_ingest_worker_heap_bytes') ?? 0) > 1_000_000, 'the ingest worker reports its heap');
    // The stored calls and raw exports sit in DuckDB's table buffers, reported as its own share.
    assert.ok((sample(text, 'lumay_store_memory_bytes{tag="base_table"}') ?? 0) > 0, 'the store reports its memory');
    assert.match(text, /^lumay_http_request_duration_seconds_count\{route="\/v1\/traces",method="POST",status_class="2xx"\} 3$/m);
  });

  it('passes promtool check metrics', (t) => {
    if (!requireTool(t, 'promtool', 'apt-get install -y prometheus')) return;
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });
});
