import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY_US, T0_US, connectorCall, makeSession } from './make-session.js';
import { makeLog, makeSpan, traceIdOf } from './make-span.js';
import { openTempStore, type TempStore } from './temp-store.js';

describe('tenant isolation: no read of tenant A ever returns tenant B’s data', () => {
  let temp: TempStore;
  const callOf = (tenant: 'a' | 'b', n: number) =>
    makeSession({
      tenantId: `tenant-${tenant}`,
      traceId: traceIdOf(n),
      callId: `${tenant}-call`,
      connectorCalls: [connectorCall({ connector: `crm-${tenant}` })],
    });
  const a = callOf('a', 100);
  const b = callOf('b', 200);
  const windowOf = (tenantId: string) => ({ tenantId, fromUs: T0_US - DAY_US, toUs: T0_US + DAY_US });

  before(async () => {
    temp = await openTempStore();
    await temp.store.appendTelemetry([
      { tenantId: 'tenant-a', spans: [makeSpan({ traceId: a.traceId })], logs: [makeLog({ traceId: a.traceId })] },
      { tenantId: 'tenant-b', spans: [makeSpan({ traceId: b.traceId })], logs: [makeLog({ traceId: b.traceId })] },
    ]);
    await temp.store.saveSessions([a, b]);
  });
  after(async () => {
    await temp.dispose();
  });

  test('KPIs, series and connectors count only the tenant’s own calls', async () => {
    assert.equal((await temp.store.kpiSummary(windowOf('tenant-a'), null)).calls, 1);
    const series = await temp.store.kpiSeries(windowOf('tenant-a'), 'day', null);
    assert.equal(series.reduce((sum, p) => sum + p.kpis.calls, 0), 1);
    assert.deepEqual(
      (await temp.store.connectorBreakdown(windowOf('tenant-a'))).map((c) => c.connector),
      ['crm-a'],
    );
  });

  test('the call list and its search never show another tenant’s call', async () => {
    const all = await temp.store.listCalls({ ...windowOf('tenant-a'), limit: 10 });
    assert.deepEqual(
      all.items.map((i) => i.callId),
      ['a-call'],
    );
    for (const search of [b.callId, b.traceId, b.correlationId]) {
      assert.equal((await temp.store.listCalls({ ...windowOf('tenant-a'), limit: 10, search })).items.length, 0);
    }
  });

  test('getCall of B’s call id or trace id from A is null', async () => {
    assert.equal(await temp.store.getCall('tenant-a', b.callId), null);
    assert.equal(await temp.store.getCall('tenant-a', b.traceId), null);
  });

  test('getCall of the tenant’s own call returns its session, spans and logs', async () => {
    for (const id of [a.callId, a.traceId]) {
      const detail = await temp.store.getCall('tenant-a', id);
      assert.equal(detail?.session.traceId, a.traceId);
      assert.deepEqual(
        detail?.session.connectorCalls.map((c) => c.connector),
        ['crm-a'],
      );
      assert.equal(detail?.spans.length, 1);
      assert.equal(detail?.logs.length, 1);
    }
  });

  test('spans and sessions of B’s trace are invisible to A', async () => {
    assert.deepEqual(await temp.store.spansOfTrace('tenant-a', b.traceId), []);
    assert.equal(await temp.store.sessionOfTrace('tenant-a', b.traceId), null);
  });
});
