import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CallSession } from '../../model/call-session.js';
import { DAY_US, T0_US, connectorCall, costOf, makeSession } from './make-session.js';
import { openTempStore, type TempStore } from './temp-store.js';

const window = (tenantId: string) => ({ tenantId, fromUs: T0_US - DAY_US, toUs: T0_US + DAY_US });

/** A session with every optional part filled, to prove the row mapping loses nothing. */
function fullSession(tenantId: string): CallSession {
  return makeSession({
    tenantId,
    direction: 'outbound',
    answeredBy: 'human',
    campaignId: 'renewals',
    outcome: 'escalated',
    outcomeInferred: true,
    escalationReason: 'caller asked for a person',
    callerHash: 'c0ffee',
    sentiment: 'negative',
    sentimentScore: -0.6,
    stages: {
      stt: { count: 4, totalMs: 820.5, maxMs: 300 },
      llm: { count: 4, totalMs: 2400, maxMs: 900 },
      transfer: { count: 1, totalMs: 15, maxMs: 15 },
    },
    bottleneckStage: 'llm',
    connectorCalls: [
      connectorCall({ connector: 'crm', operation: 'lookup', durationMs: 120.25 }),
      connectorCall({ connector: 'ticketing', operation: 'create', success: false, retries: 2, timedOut: true, errorType: 'timeout' }),
    ],
    workItems: [{ type: 'ticket', id: 'T-9', system: 'zendesk', spanId: 'abc' }],
    businessEvents: [{ name: 'upsell_offered', value: 12.5, spanId: 'def' }, { name: 'consent', value: null, spanId: 'fed' }],
    usage: {
      sttAudioSeconds: 61.5,
      inputTokens: 1200,
      outputTokens: 340,
      cachedInputTokens: 800,
      ttsCharacters: 2100,
      telephonySeconds: 62,
    },
    cost: { telephony: 0.01, stt: 0.02, llm: 0.03, tts: 0.04, connector: 0, other: 0, total: 0.1, stated: true },
    complete: false,
    revision: 3,
  });
}

describe('saveSessions and session reads', () => {
  let temp: TempStore;
  before(async () => {
    temp = await openTempStore();
  });
  after(async () => {
    await temp.dispose();
  });

  test('a session reads back exactly as written, stages, connector calls and usage included', async () => {
    const session = fullSession('roundtrip');
    await temp.store.saveSessions([session]);
    assert.deepEqual(await temp.store.sessionOfTrace('roundtrip', session.traceId), session);
  });

  test('saving an amended revision of the same trace replaces the first: counted once, new values win', async () => {
    const tenantId = 'amend';
    const first = makeSession({
      tenantId,
      outcome: 'resolved',
      cost: costOf(1),
      connectorCalls: [connectorCall()],
      workItems: [{ type: 'ticket', id: '1', system: 's', spanId: 'a' }],
    });
    const other = makeSession({ tenantId });
    await temp.store.saveSessions([first, other]);
    const amended: CallSession = {
      ...first,
      outcome: 'escalated',
      revision: 2,
      cost: costOf(2),
      connectorCalls: [connectorCall(), connectorCall({ success: false, errorType: 'timeout' })],
      workItems: [],
    };
    await temp.store.saveSessions([amended]);
    const kpis = await temp.store.kpiSummary(window(tenantId), null);
    assert.equal(kpis.calls, 2);
    assert.equal(kpis.escalated, 1);
    assert.equal(kpis.totalCostUsd, 2);
    assert.equal(kpis.connectorCalls, 2);
    assert.deepEqual(kpis.workItems, {}, 'the amended revision has no work item; the old row is gone');
    const [crm] = await temp.store.connectorBreakdown(window(tenantId));
    assert.equal(crm.calls, 2, 'connector rows of the first revision are replaced, not added');
    assert.equal((await temp.store.sessionOfTrace(tenantId, first.traceId))?.revision, 2);
  });

  test('an amendment that moves the start replaces the stored row all the same', async () => {
    const tenantId = 'moved';
    const first = makeSession({ tenantId });
    await temp.store.saveSessions([first]);
    await temp.store.saveSessions([{ ...first, startUs: first.startUs - 30_000_000, revision: 2 }]);
    assert.equal((await temp.store.kpiSummary(window(tenantId), null)).calls, 1);
  });

  test('two revisions of one trace in the same batch keep only the later one', async () => {
    const tenantId = 'batch';
    const first = makeSession({ tenantId, outcome: 'resolved' });
    await temp.store.saveSessions([first, { ...first, outcome: 'failed', revision: 2 }]);
    const kpis = await temp.store.kpiSummary(window(tenantId), null);
    assert.equal(kpis.calls, 1);
    assert.equal(kpis.failed, 1);
  });

  test('the same trace id under two tenants is two calls; amending one leaves the other', async () => {
    const a = makeSession({ tenantId: 'same-a' });
    const b = { ...a, tenantId: 'same-b' };
    await temp.store.saveSessions([a, b]);
    await temp.store.saveSessions([{ ...a, outcome: 'abandoned', revision: 2 }]);
    assert.equal((await temp.store.sessionOfTrace('same-b', a.traceId))?.outcome, 'resolved');
    assert.equal((await temp.store.sessionOfTrace('same-a', a.traceId))?.outcome, 'abandoned');
  });

  test('recentCompletedTraces lists sessions finalised at or after the given time', async () => {
    const tenantId = 'recent';
    const old = makeSession({ tenantId, completedAtUs: T0_US + 100 });
    const fresh = makeSession({ tenantId, completedAtUs: T0_US + 200 });
    await temp.store.saveSessions([old, fresh]);
    const found = (await temp.store.recentCompletedTraces(T0_US + 200)).filter((t) => t.tenantId === tenantId);
    assert.deepEqual(found, [{ tenantId, traceId: fresh.traceId }]);
  });

  test('an unknown trace has no session', async () => {
    assert.equal(await temp.store.sessionOfTrace('t1', 'f'.repeat(32)), null);
  });
});
