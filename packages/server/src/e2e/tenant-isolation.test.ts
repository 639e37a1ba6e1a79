import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { newSpanId, newTraceId, otlpJsonBody, postJson } from './otlp-json-body.js';
import type { KpiSummary } from '../kpis/kpi-types.js';

const now = Date.now();
const window = `from=${now - 3_600_000}&to=${now + 3_600_000}`;

function callBody(callId: string, extraRoot: Record<string, string> = {}): { body: string; traceId: string } {
  const traceId = newTraceId();
  const rootId = newSpanId();
  const body = otlpJsonBody([
    { traceId, spanId: rootId, name: 'call', startMs: now - 60_000, endMs: now - 1000, attributes: { 'lumay.call.id': callId, 'lumay.call.outcome': 'resolved', ...extraRoot } },
    { traceId, spanId: newSpanId(), parentSpanId: rootId, name: 'connector', startMs: now - 50_000, endMs: now - 49_000, attributes: { 'lumay.stage': 'connector', 'lumay.connector.name': 'crm', 'lumay.connector.success': true } },
  ]);
  return { body, traceId };
}

describe('tenant isolation: the tenant comes from the key only', () => {
  let plane: TestPlane;
  let keyA: string;
  let keyB: string;
  let adminA: string;
  let bTrace: string;
  before(async () => {
    plane = await startTestPlane();
    keyA = await plane.tenantWithKey('tenant-a');
    keyB = await plane.tenantWithKey('tenant-b');
    adminA = await plane.tenantWithKey('tenant-a', ['admin']);
    await postJson(plane.httpUrl, keyA, callBody('a-call').body);
    // B's export names tenant A in every place a payload could: it must still land in B.
    const b = callBody('b-call', { tenant: 'tenant-a', 'lumay.tenant': 'tenant-a' });
    bTrace = b.traceId;
    await postJson(plane.httpUrl, keyB, b.body);
    await plane.settle();
  });
  after(async () => plane.destroy());

  it('KPIs and connectors of A never include B', async () => {
    const a = (await plane.get(`/api/v1/kpis/summary?${window}`, keyA)).body as { kpis: KpiSummary };
    const b = (await plane.get(`/api/v1/kpis/summary?${window}`, keyB)).body as { kpis: KpiSummary };
    assert.deepEqual([a.kpis.calls, b.kpis.calls], [1, 1]);
    const series = (await plane.get(`/api/v1/kpis/series?${window}&bucket=hour`, keyA)).body as { points: { kpis: KpiSummary }[] };
    assert.equal(series.points.reduce((n, p) => n + p.kpis.calls, 0), 1);
    const connectors = (await plane.get(`/api/v1/connectors?${window}`, keyA)).body as { connectors: { calls: number }[] };
    assert.equal(connectors.connectors.reduce((n, c) => n + c.calls, 0), 1);
  });

  it("A cannot list, open or search B's calls", async () => {
    const list = (await plane.get(`/api/v1/calls?${window}`, keyA)).body as { items: { callId: string }[] };
    assert.deepEqual(list.items.map((i) => i.callId), ['a-call']);
    assert.equal((await plane.get('/api/v1/calls/b-call', keyA)).status, 404);
    assert.equal((await plane.get(`/api/v1/calls/${bTrace}`, keyA)).status, 404, 'not by trace id either');
    const search = (await plane.get(`/api/v1/calls?${window}&search=${bTrace}`, keyA)).body as { items: unknown[] };
    assert.equal(search.items.length, 0);
    assert.equal((await plane.get('/api/v1/calls/b-call', keyB)).status, 200);
  });

  it('a non-admin key cannot name another tenant; an admin key can', async () => {
    for (const path of [`/api/v1/kpis/summary?${window}&tenant=tenant-b`, `/api/v1/calls?${window}&tenant=tenant-b`, '/api/v1/calls/b-call?tenant=tenant-b', '/api/v1/calls/live?tenant=tenant-b']) {
      assert.equal((await plane.get(path, keyA)).status, 403, path);
    }
    assert.equal((await plane.get('/api/v1/calls/b-call?tenant=tenant-b', adminA)).status, 200);
  });

  it('admin endpoints need the admin scope', async () => {
    assert.equal((await plane.get('/api/v1/tenants', keyA)).status, 403);
    assert.equal((await plane.get('/api/v1/tenants', adminA)).status, 200);
    const res = await fetch(`${plane.httpUrl}/api/v1/tenants`, { method: 'POST', headers: { authorization: `Bearer ${keyA}`, 'content-type': 'application/json' }, body: '{"id":"evil"}' });
    assert.equal(res.status, 403);
  });

  it('a revoked key stops working', async () => {
    const res = await fetch(`${plane.httpUrl}/api/v1/tenants/tenant-b/keys`, { method: 'POST', headers: { authorization: `Bearer ${adminA}`, 'content-type': 'application/json' }, body: '{"scopes":["read"]}' });
    assert.equal(res.status, 201);
    const created = (await res.json()) as { id: string; key: string };
    assert.equal((await plane.get(`/api/v1/kpis/summary?${window}`, created.key)).status, 200);
    const del = await fetch(`${plane.httpUrl}/api/v1/tenants/tenant-b/keys/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${adminA}` } });
    assert.equal(del.status, 204);
    assert.equal((await plane.get(`/api/v1/kpis/summary?${window}`, created.key)).status, 401);
  });

  it('every API route without a key is 401', async () => {
    for (const path of ['/api/v1/kpis/summary', '/api/v1/kpis/series', '/api/v1/connectors', `/api/v1/calls?${window}`, '/api/v1/calls/a-call', '/api/v1/calls/live', '/api/v1/stream', '/api/v1/tenants']) {
      const res = await fetch(plane.httpUrl + path);
      assert.equal(res.status, 401, path);
    }
  });
});
