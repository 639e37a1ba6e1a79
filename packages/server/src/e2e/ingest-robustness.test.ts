import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { newSpanId, newTraceId, otlpJsonBody, postJson, type JsonSpan } from './otlp-json-body.js';
import type { KpiSummary } from '../kpis/kpi-types.js';

const now = Date.now();

function call(callId: string, extra: JsonSpan[] = []): { traceId: string; spans: JsonSpan[]; rootId: string } {
  const traceId = newTraceId();
  const rootId = newSpanId();
  const spans: JsonSpan[] = [
    { traceId, spanId: rootId, name: 'call', startMs: now - 60_000, endMs: now - 1000, attributes: { 'lumay.call.id': callId, 'lumay.call.direction': 'inbound', 'lumay.call.outcome': 'resolved' } },
    { traceId, spanId: newSpanId(), parentSpanId: rootId, name: 'llm', startMs: now - 50_000, endMs: now - 49_000, attributes: { 'lumay.stage': 'llm' } },
    ...extra.map((s) => ({ ...s, traceId, parentSpanId: s.parentSpanId ?? rootId })),
  ];
  return { traceId, spans, rootId };
}

async function summary(plane: TestPlane, key: string): Promise<KpiSummary> {
  const { body } = await plane.get(`/api/v1/kpis/summary?from=${now - 3_600_000}&to=${now + 3_600_000}`, key);
  return (body as { kpis: KpiSummary }).kpis;
}

describe('ingest under bad, repeated and late input', () => {
  let plane: TestPlane;
  let key: string;
  before(async () => {
    plane = await startTestPlane({ LUMAY_MAX_BODY_BYTES: String(256 * 1024) });
    key = await plane.tenantWithKey('acme');
  });
  after(async () => plane.destroy());

  it('a retried export is idempotent: the call counts once', async () => {
    const c = call('dup-1');
    const body = otlpJsonBody(c.spans);
    assert.equal((await postJson(plane.httpUrl, key, body)).status, 200);
    assert.equal((await postJson(plane.httpUrl, key, body)).status, 200);
    await plane.settle();
    assert.equal((await postJson(plane.httpUrl, key, body)).status, 200, 'a retry after completion is accepted too');
    await plane.settle();
    const kpis = await summary(plane, key);
    assert.equal(kpis.calls, 1);
    const detail = (await plane.get('/api/v1/calls/dup-1', key)).body as { session: { spanCount: number; revision: number } };
    assert.equal(detail.session.spanCount, 2);
    assert.equal(detail.session.revision, 1, 'duplicates do not amend the session');
  });

  it('a late span amends its call without counting it twice', async () => {
    const c = call('late-1');
    await postJson(plane.httpUrl, key, otlpJsonBody(c.spans));
    await plane.settle();
    const before = await summary(plane, key);
    const late: JsonSpan = {
      traceId: c.traceId,
      spanId: newSpanId(),
      parentSpanId: c.rootId,
      name: 'connector crm',
      startMs: now - 40_000,
      endMs: now - 39_000,
      attributes: { 'lumay.stage': 'connector', 'lumay.connector.name': 'crm', 'lumay.connector.success': false },
      error: true,
    };
    assert.equal((await postJson(plane.httpUrl, key, otlpJsonBody([late]))).status, 200);
    await plane.settle();
    const afterLate = await summary(plane, key);
    assert.equal(afterLate.calls, before.calls, 'same number of calls');
    assert.equal(afterLate.connectorCalls, before.connectorCalls + 1);
    const detail = (await plane.get('/api/v1/calls/late-1', key)).body as { session: { spanCount: number; revision: number } };
    assert.deepEqual([detail.session.spanCount, detail.session.revision], [3, 2]);
  });

  it('a partly bad export gets partial_success and keeps the good spans', async () => {
    const c = call('partial-1');
    const bad = { ...c.spans[1], spanId: newSpanId(), traceId: 'zz' };
    const body = JSON.parse(otlpJsonBody(c.spans)) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
    const good = JSON.parse(otlpJsonBody([bad])) as typeof body;
    body.resourceSpans[0].scopeSpans[0].spans.push(good.resourceSpans[0].scopeSpans[0].spans[0]);
    const res = await postJson(plane.httpUrl, key, JSON.stringify(body));
    assert.equal(res.status, 200);
    const answer = (await res.json()) as { partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string } };
    assert.equal(Number(answer.partialSuccess?.rejectedSpans), 1);
    assert.match(answer.partialSuccess?.errorMessage ?? '', /trace/i);
    await plane.settle();
    assert.equal(((await plane.get('/api/v1/calls/partial-1', key)).status), 200);
  });

  const badInputs: { reason: string; send: () => Promise<Response>; status: number; message: RegExp }[] = [
    { reason: 'no key', send: () => postJson(plane.httpUrl, null, otlpJsonBody(call('x').spans)), status: 401, message: /API key/ },
    { reason: 'unknown key', send: () => postJson(plane.httpUrl, 'lmk_nope', otlpJsonBody(call('x').spans)), status: 401, message: /unknown/ },
    { reason: 'invalid JSON', send: () => postJson(plane.httpUrl, key, '{"resourceSpans": ['), status: 400, message: /JSON/i },
    { reason: 'wrong JSON shape', send: () => postJson(plane.httpUrl, key, '{"resourceSpans": 5}'), status: 400, message: /resourceSpans/ },
    {
      reason: 'garbage protobuf',
      send: () => fetch(`${plane.httpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${key}` }, body: Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 1]) }),
      status: 400,
      message: /./,
    },
    {
      reason: 'unsupported content type',
      send: () => fetch(`${plane.httpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${key}` }, body: 'hi' }),
      status: 415,
      message: /application\/x-protobuf/,
    },
    { reason: 'body over the limit', send: () => postJson(plane.httpUrl, key, 'x'.repeat(300 * 1024)), status: 413, message: /exceeds/ },
    {
      reason: 'gzip bomb: small body, large after decompression',
      send: () => postJson(plane.httpUrl, key, gzipSync(Buffer.alloc(2 * 1024 * 1024, 32)) as unknown as string, { 'content-encoding': 'gzip' }),
      status: 413,
      message: /decompressed/,
    },
    { reason: 'corrupt gzip', send: () => postJson(plane.httpUrl, key, 'not gzip', { 'content-encoding': 'gzip' }), status: 400, message: /gzip/ },
  ];
  for (const row of badInputs) {
    it(`rejects ${row.reason} with ${row.status} and a google.rpc.Status that says why`, async () => {
      const res = await row.send();
      assert.equal(res.status, row.status);
      const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
      assert.match(text, row.message);
    });
  }

  it('accepts gzip-compressed JSON', async () => {
    const c = call('gzip-1');
    const res = await postJson(plane.httpUrl, key, gzipSync(otlpJsonBody(c.spans)) as unknown as string, { 'content-encoding': 'gzip' });
    assert.equal(res.status, 200);
    await plane.settle();
    const detail = await plane.get('/api/v1/calls/gzip-1', key);
    assert.equal(detail.status, 200);
    // The waterfall is read back from the request as stored: the gzip bytes as they came.
    const waterfall = (detail.body as { waterfall: { spanId: string }[] }).waterfall;
    assert.deepEqual(waterfall.map((row) => row.spanId).sort(), c.spans.map((s) => s.spanId).sort());
  });

  it('a key without the ingest scope cannot write', async () => {
    const readOnly = await plane.tenantWithKey('acme', ['read']);
    const res = await postJson(plane.httpUrl, readOnly, otlpJsonBody(call('ro').spans));
    assert.equal(res.status, 403);
  });

  it('keeps serving after all of the above', async () => {
    const res = await fetch(`${plane.httpUrl}/readyz`);
    assert.equal(res.status, 200);
  });
});

describe('overload', () => {
  it('answers 429 with Retry-After for new calls when too many are in flight, while their own spans still land', async () => {
    const plane = await startTestPlane({ LUMAY_MAX_IN_FLIGHT_CALLS: '2' });
    try {
      const key = await plane.tenantWithKey('busy');
      const a = call('a');
      const b = call('b');
      // Without their roots, calls stay in flight.
      assert.equal((await postJson(plane.httpUrl, key, otlpJsonBody([...a.spans.slice(1), ...b.spans.slice(1)]))).status, 200);
      const refused = await postJson(plane.httpUrl, key, otlpJsonBody(call('c').spans));
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal((await postJson(plane.httpUrl, key, otlpJsonBody(a.spans.slice(0, 1)))).status, 200, "a call's own root is not a new call");
      await plane.settle(3000).catch(() => undefined);
      const detail = await plane.get('/api/v1/calls/a', key);
      assert.equal(detail.status, 200);
    } finally {
      await plane.destroy();
    }
  });

  it("answers 429 for new calls once the calls in flight fill the ingest worker's heap, and the worker keeps serving", async () => {
    // The smallest heap the plane takes: 70% of it (45 MB) is reached after a couple of thousand calls.
    const plane = await startTestPlane({ LUMAY_INGEST_HEAP_MB: '64' });
    try {
      const key = await plane.tenantWithKey('busy');
      const words = 'the caller asked to move the appointment to next tuesday morning please '.repeat(3);
      const bigCall = (id: string): ReturnType<typeof call> =>
        call(id, Array.from({ length: 20 }, (_, i) => ({ traceId: '', spanId: newSpanId(), name: 'stt', startMs: now - 40_000 + i, endMs: now - 39_000 + i, attributes: { 'lumay.stage': 'stt', 'lumay.transcript': `${words}${id} ${i}` } })));
      let refused: Response | null = null;
      let accepted: ReturnType<typeof call> | null = null;
      for (let batch = 0; batch < 400 && !refused; batch++) {
        const calls = Array.from({ length: 50 }, (_, i) => bigCall(`c${batch}-${i}`));
        // Without their roots, calls stay in flight.
        const reply = await postJson(plane.httpUrl, key, otlpJsonBody(calls.flatMap((c) => c.spans.slice(1))));
        if (reply.status === 429) refused = reply;
        else {
          assert.equal(reply.status, 200, `export ${batch}: ${await reply.text()}`);
          accepted = calls[0];
        }
      }
      assert.ok(refused, 'new calls were refused before the worker ran out of memory');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.match(await refused.text(), /fill ingest's memory/);
      assert.ok(accepted, 'calls were accepted before the heap filled');
      // The worker is the one that refused: it still takes the spans of calls it holds.
      assert.equal((await postJson(plane.httpUrl, key, otlpJsonBody(accepted.spans.slice(0, 1)))).status, 200, "a call's own root is not a new call");
    } finally {
      await plane.destroy();
    }
  });
});
