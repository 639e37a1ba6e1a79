import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { T0_US, makeSession } from './make-session.js';
import { ENGINE_RESOURCE, makeLog, makeSpan, traceIdOf } from './make-span.js';
import { openTempStore, type TempStore } from './temp-store.js';

describe('raw telemetry: append, read back, open traces, prune', () => {
  let temp: TempStore;
  before(async () => {
    temp = await openTempStore();
  });
  after(async () => {
    await temp.dispose();
  });

  test('spans read back exactly as appended, in start order, attributes, events and resource included', async () => {
    const traceId = traceIdOf(1);
    const root = makeSpan({
      traceId,
      startUs: T0_US,
      endUs: T0_US + 90_000_000,
      attributes: { 'lumay.call.id': 'c-1', 'gen_ai.usage.input_tokens': 42, nested: { list: [1, 'two', true, null] } },
      events: [{ name: 'transfer', timeUs: T0_US + 80_000_000, attributes: { reason: 'asked for a person' } }],
      statusCode: 2,
      statusMessage: 'boom',
    });
    const child = makeSpan({ traceId, parentSpanId: root.spanId, name: 'llm', kind: 3, startUs: T0_US + 5, endUs: T0_US + 6 });
    await temp.store.appendTelemetry([{ tenantId: 'spans', spans: [child, root], logs: [] }]);
    assert.deepEqual(await temp.store.spansOfTrace('spans', traceId), [root, child]);
  });

  test('logs of a trace come back in time order with their resource', async () => {
    const traceId = traceIdOf(2);
    const late = makeLog({ traceId, timeUs: T0_US + 2, body: 'second', attributes: { level: 'info' } });
    const early = makeLog({ traceId, timeUs: T0_US + 1, body: 'first', severityNumber: 17, severityText: 'ERROR' });
    await temp.store.appendTelemetry([{ tenantId: 'logs', spans: [], logs: [late, early] }]);
    assert.deepEqual(await temp.store.logsOfTrace('logs', traceId), [early, late]);
  });

  test('a batch of several tenants is one transaction; each tenant sees only its spans', async () => {
    const traceId = traceIdOf(3);
    await temp.store.appendTelemetry([
      { tenantId: 'batch-a', spans: [makeSpan({ traceId })], logs: [] },
      { tenantId: 'batch-b', spans: [makeSpan({ traceId }), makeSpan({ traceId })], logs: [] },
    ]);
    assert.equal((await temp.store.spansOfTrace('batch-a', traceId)).length, 1);
    assert.equal((await temp.store.spansOfTrace('batch-b', traceId)).length, 2);
  });

  test('more rows than one data chunk (2048) are all appended', async () => {
    const traceId = traceIdOf(4);
    const spans = Array.from({ length: 5000 }, (_, i) => makeSpan({ traceId, startUs: T0_US + i }));
    await temp.store.appendTelemetry([{ tenantId: 'bulk', spans, logs: [] }]);
    const stored = await temp.store.spansOfTrace('bulk', traceId);
    assert.equal(stored.length, 5000);
    assert.equal(stored[4999].startUs, T0_US + 4999);
  });

  test('loadOpenTraces returns spans of recent traces without a session, with their tenant', async () => {
    const tenantId = 'open';
    const openTrace = traceIdOf(10);
    const closedTrace = traceIdOf(11);
    const oldTrace = traceIdOf(12);
    const since = T0_US + 3_600_000_000;
    const openSpans = [makeSpan({ traceId: openTrace, startUs: since }), makeSpan({ traceId: openTrace, startUs: since + 10 })];
    await temp.store.appendTelemetry([
      {
        tenantId,
        spans: [...openSpans, makeSpan({ traceId: closedTrace, startUs: since + 5 }), makeSpan({ traceId: oldTrace, startUs: since - 1 })],
        logs: [],
      },
    ]);
    await temp.store.saveSessions([makeSession({ tenantId, traceId: closedTrace, startUs: since + 5, endUs: since + 6 })]);
    const open = (await temp.store.loadOpenTraces(since)).filter((s) => s.tenantId === tenantId);
    assert.deepEqual(
      open,
      openSpans.map((s) => ({ tenantId, ...s })),
    );
  });

  test('a trace id closed for one tenant is still open for another', async () => {
    const traceId = traceIdOf(20);
    const since = T0_US + 2 * 86_400_000_000;
    await temp.store.appendTelemetry([
      { tenantId: 'open-a', spans: [makeSpan({ traceId, startUs: since })], logs: [] },
      { tenantId: 'open-b', spans: [makeSpan({ traceId, startUs: since })], logs: [] },
    ]);
    await temp.store.saveSessions([makeSession({ tenantId: 'open-a', traceId, startUs: since, endUs: since + 1 })]);
    const open = await temp.store.loadOpenTraces(since);
    assert.deepEqual(
      open.map((s) => s.tenantId),
      ['open-b'],
    );
  });

  test('pruneRawTelemetry deletes the exports received before the cutoff and keeps sessions', async () => {
    const tenantId = 'prune';
    const traceId = traceIdOf(30);
    await temp.store.appendTelemetry([{ tenantId, spans: [makeSpan({ traceId, startUs: T0_US })], logs: [makeLog({ traceId, timeUs: T0_US })] }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const cutoff = Date.now() * 1000;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await temp.store.appendTelemetry([{ tenantId, spans: [makeSpan({ traceId, startUs: T0_US + 1 })], logs: [makeLog({ traceId, timeUs: T0_US + 1 })] }]);
    await temp.store.saveSessions([makeSession({ tenantId, traceId, startUs: T0_US, endUs: T0_US + 1 })]);
    assert.ok((await temp.store.pruneRawTelemetry(cutoff)) >= 2, 'the first span export and the first log export');
    assert.deepEqual(
      (await temp.store.spansOfTrace(tenantId, traceId)).map((s) => s.startUs),
      [T0_US + 1],
    );
    assert.deepEqual((await temp.store.logsOfTrace(tenantId, traceId)).map((l) => l.timeUs), [T0_US + 1]);
    assert.equal((await temp.store.sessionOfTrace(tenantId, traceId))?.traceId, traceId);
  });

  test('records of one resource share one resource object again when read', async () => {
    const traceId = traceIdOf(40);
    await temp.store.appendTelemetry([{ tenantId: 'resource', spans: [makeSpan({ traceId }), makeSpan({ traceId })], logs: [] }]);
    const [a, b] = await temp.store.spansOfTrace('resource', traceId);
    assert.deepEqual(a.resource, ENGINE_RESOURCE);
    assert.equal(a.resource, b.resource);
  });
});
