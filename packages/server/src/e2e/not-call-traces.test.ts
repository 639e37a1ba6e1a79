import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { newSpanId, newTraceId, otlpJsonBody, postJson } from './otlp-json-body.js';
import type { KpiSummary } from '../kpis/kpi-types.js';

/*
 * An instrumented engine exports more than calls: its management API's requests, health checks,
 * the webhook's own HTTP span. Those traces are stored but are not calls, so no KPI counts them.
 */
describe('traces that are not calls', () => {
  let plane: TestPlane;
  let key: string;
  const now = Date.now();
  before(async () => {
    plane = await startTestPlane();
    key = await plane.tenantWithKey('acme');
    const api = newTraceId();
    const health = newTraceId();
    const llmOnly = newTraceId();
    const call = newTraceId();
    const pipecat = newTraceId();
    const body = otlpJsonBody([
      { traceId: api, spanId: newSpanId(), name: 'GET /api/calls', startMs: now - 9000, endMs: now - 8990, attributes: { 'http.request.method': 'GET', 'http.route': '/api/calls' } },
      { traceId: health, spanId: newSpanId(), name: 'GET /healthz', startMs: now - 9000, endMs: now - 8999 },
      { traceId: llmOnly, spanId: newSpanId(), name: 'chat gpt-4o', startMs: now - 9000, endMs: now - 8000, attributes: { 'gen_ai.operation.name': 'chat' } },
      { traceId: call, spanId: newSpanId(), name: 'call', startMs: now - 9000, endMs: now - 1000, attributes: { 'lumay.call.id': 'a-real-call' } },
      // A Pipecat conversation marks no call attribute of ours, but has speech stages.
      { traceId: pipecat, spanId: newSpanId(), name: 'conversation', startMs: now - 9000, endMs: now - 1000 },
    ]);
    const pipecatChild = otlpJsonBody([{ traceId: pipecat, spanId: newSpanId(), parentSpanId: '0000000000000001', name: 'stt', startMs: now - 8000, endMs: now - 7500 }]);
    assert.equal((await postJson(plane.httpUrl, key, body)).status, 200);
    assert.equal((await postJson(plane.httpUrl, key, pipecatChild)).status, 200);
    await plane.settle();
  });
  after(async () => plane.destroy());

  it('counts only the calls', async () => {
    const { body } = await plane.get(`/api/v1/kpis/summary?from=${now - 60_000}&to=${now}`, key);
    assert.equal((body as { kpis: KpiSummary }).kpis.calls, 2);
  });

  it('says on /metrics how many traces were not calls', async () => {
    const text = await (await fetch(`${plane.httpUrl}/metrics`)).text();
    assert.match(text, /^lumay_ingest_traces_not_calls_total 3$/m);
  });
});
