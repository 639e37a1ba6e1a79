import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { context, trace } from '@opentelemetry/api';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { sseEvents } from './sse-events.js';
import { newSpanId, newTraceId, otlpJsonBody, postJson } from './otlp-json-body.js';

const now = Date.now();

function callSpans(callId: string): { traceId: string; rootId: string; body: string } {
  const traceId = newTraceId();
  const rootId = newSpanId();
  const body = otlpJsonBody([
    { traceId, spanId: rootId, name: 'call', startMs: now - 60_000, endMs: now - 1000, attributes: { 'lumay.call.id': callId, 'lumay.call.outcome': 'resolved', 'lumay.correlation_id': `corr-${callId}` } },
  ]);
  return { traceId, rootId, body };
}

/** Reads server-sent events from a fetch() stream until `count` events of `type` arrived. */
async function readEvents(res: Response, type: string, count: number): Promise<unknown[]> {
  const found: unknown[] = [];
  for await (const { event, data } of sseEvents(res)) {
    if (event === type) found.push(JSON.parse(data));
    if (found.length >= count) break;
  }
  return found;
}

describe('API surface', () => {
  let plane: TestPlane;
  let key: string;
  before(async () => {
    plane = await startTestPlane();
    key = await plane.tenantWithKey('acme');
  });
  after(async () => plane.destroy());

  it('logs exported with the official SDK attach to their call by trace id', async () => {
    const c = callSpans('with-transcript');
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'voice-engine' }),
      processors: [
        new SimpleLogRecordProcessor({
          exporter: new OTLPLogExporter({ url: `${plane.httpUrl}/v1/logs`, headers: { authorization: `Bearer ${key}` } }),
        }),
      ],
    });
    const spanContext = { traceId: c.traceId, spanId: c.rootId, traceFlags: 1 };
    const ctx = trace.setSpanContext(context.active(), spanContext);
    const logger = provider.getLogger('transcript');
    logger.emit({ body: 'I was double charged', attributes: { 'lumay.transcript.role': 'caller' }, context: ctx, timestamp: now - 50_000 });
    logger.emit({ body: 'Let me look into that', attributes: { 'lumay.transcript.role': 'agent' }, context: ctx, timestamp: now - 49_000 });
    await provider.forceFlush();
    await provider.shutdown();
    assert.equal((await postJson(plane.httpUrl, key, c.body)).status, 200);
    await plane.settle();
    const { body } = await plane.get('/api/v1/calls/with-transcript', key);
    const logs = (body as { logs: { body: string; attributes: Record<string, unknown> }[] }).logs;
    assert.deepEqual(logs.map((l) => [l.attributes['lumay.transcript.role'], l.body]), [
      ['caller', 'I was double charged'],
      ['agent', 'Let me look into that'],
    ]);
  });

  it('streams completed calls and KPI changes to a subscriber of the tenant', async () => {
    const res = await fetch(`${plane.httpUrl}/api/v1/stream`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const events = readEvents(res, 'call.completed', 1);
    await postJson(plane.httpUrl, key, callSpans('streamed').body);
    await plane.settle();
    const [first] = (await events) as { callId: string; outcome: string }[];
    assert.deepEqual([first.callId, first.outcome], ['streamed', 'resolved']);
  });

  it('finds a call by its correlation id', async () => {
    await postJson(plane.httpUrl, key, callSpans('by-corr').body);
    await plane.settle();
    const { body } = await plane.get(`/api/v1/calls?from=${now - 3_600_000}&to=${now + 3_600_000}&search=corr-by-corr`, key);
    assert.deepEqual((body as { items: { callId: string }[] }).items.map((i) => i.callId), ['by-corr']);
  });

  it('echoes a sane X-Correlation-ID and mints one otherwise', async () => {
    const given = await fetch(`${plane.httpUrl}/healthz`, { headers: { 'x-correlation-id': 'req-42' } });
    assert.equal(given.headers.get('x-correlation-id'), 'req-42');
    const minted = await fetch(`${plane.httpUrl}/healthz`, { headers: { 'x-correlation-id': 'bad value with spaces' } });
    assert.match(minted.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('serves an OpenAPI document listing every API route', async () => {
    const res = await fetch(`${plane.httpUrl}/api/v1/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    assert.match(doc.openapi, /^3\./);
    for (const path of ['/api/v1/kpis/summary', '/api/v1/kpis/series', '/api/v1/kpis/overview', '/api/v1/connectors', '/api/v1/calls', '/api/v1/calls/{id}', '/api/v1/stream', '/api/v1/tenants']) {
      assert.ok(doc.paths[path], path);
    }
  });

  it('rejects bad query parameters with a message that says how to fix them', async () => {
    const cases: [string, RegExp][] = [
      ['/api/v1/calls', /time window/],
      ['/api/v1/kpis/summary?from=yesterday', /ISO 8601/],
      ['/api/v1/kpis/summary?direction=sideways', /direction/],
      [`/api/v1/kpis/summary?from=${now}&to=${now - 1}`, /before/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await plane.get(path, key);
      assert.equal(status, 400, path);
      assert.match((body as { error: { message: string } }).error.message, message, path);
    }
  });
});
