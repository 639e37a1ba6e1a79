import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PlaneError } from '../../errors/plane-error.js';
import type { CallListQuery } from '../../kpis/kpi-types.js';
import type { CallSession } from '../../model/call-session.js';
import { DAY_US, T0_US, connectorCall, costOf, makeSession } from './make-session.js';
import { openTempStore, type TempStore } from './temp-store.js';

describe('listCalls', () => {
  let temp: TempStore;
  const tenantId = 'list';
  const sessions: CallSession[] = [];
  const query = (extra: Partial<CallListQuery> = {}): CallListQuery => ({
    tenantId,
    fromUs: T0_US - DAY_US,
    toUs: T0_US + DAY_US,
    limit: 50,
    ...extra,
  });

  before(async () => {
    temp = await openTempStore();
    // 23 calls, several sharing a start time, so the trace id must break ties.
    for (let i = 0; i < 23; i++) {
      const startUs = T0_US + Math.floor(i / 3) * 1_000_000;
      sessions.push(
        makeSession({
          tenantId,
          startUs,
          endUs: startUs + (5 + (i % 7)) * 1_000_000,
          outcome: i % 4 === 0 ? 'escalated' : 'resolved',
          escalationReason: i % 4 === 0 && i % 8 === 0 ? 'billing_dispute' : '',
          cost: costOf((i % 5) / 10),
        }),
      );
    }
    await temp.store.saveSessions(sessions);
  });
  after(async () => {
    await temp.dispose();
  });

  test('pages of 5 return every call exactly once, newest first, then by trace id', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await temp.store.listCalls(query({ limit: 5, cursor }));
      seen.push(...page.items.map((item) => item.traceId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    const expected = [...sessions]
      .sort((a, b) => b.startUs - a.startUs || (a.traceId < b.traceId ? -1 : 1))
      .map((s) => s.traceId);
    assert.deepEqual(seen, expected);
    assert.equal(pages, 5);
  });

  // Durations repeat every 7 calls and costs every 5, so ties are common and the trace id must break them.
  const orders: { sort: 'duration' | 'cost'; order: 'asc' | 'desc'; key: (s: CallSession) => number }[] = [
    { sort: 'duration', order: 'desc', key: (s) => s.durationMs },
    { sort: 'duration', order: 'asc', key: (s) => s.durationMs },
    { sort: 'cost', order: 'desc', key: (s) => s.cost.total },
    { sort: 'cost', order: 'asc', key: (s) => s.cost.total },
  ];
  for (const o of orders) {
    test(`sorted by ${o.sort} ${o.order}, pages of 4 return every call exactly once in that order`, async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await temp.store.listCalls(query({ limit: 4, cursor, sort: o.sort, order: o.order }));
        seen.push(...page.items.map((item) => item.traceId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const sign = o.order === 'desc' ? -1 : 1;
      const expected = [...sessions]
        .sort((a, b) => sign * (o.key(a) - o.key(b)) || (a.traceId < b.traceId ? -1 : 1))
        .map((s) => s.traceId);
      assert.deepEqual(seen, expected);
    });
  }

  test('a cursor issued for one order is refused for another', async () => {
    const first = await temp.store.listCalls(query({ limit: 4, sort: 'cost', order: 'asc' }));
    await assert.rejects(
      temp.store.listCalls(query({ limit: 4, sort: 'duration', order: 'asc', cursor: first.nextCursor ?? undefined })),
      (error: unknown) => error instanceof PlaneError && error.statusCode === 400 && /issued for sort=cost&order=asc/.test(error.message),
    );
  });

  test('the escalation-reason filter keeps that reason only', async () => {
    const page = await temp.store.listCalls(query({ escalationReason: 'billing_dispute' }));
    assert.deepEqual(page.items.map((i) => i.traceId).sort(), sessions.filter((s) => s.escalationReason === 'billing_dispute').map((s) => s.traceId).sort());
    assert.ok(page.items.length > 0);
  });

  test('the last page has no cursor when the calls end exactly at a page boundary', async () => {
    const first = await temp.store.listCalls(query({ limit: 20 }));
    const second = await temp.store.listCalls(query({ limit: 3, cursor: first.nextCursor ?? undefined }));
    assert.equal(second.items.length, 3);
    assert.equal(second.nextCursor, null);
  });

  test('the outcome filter keeps one outcome', async () => {
    const page = await temp.store.listCalls(query({ outcome: 'escalated' }));
    assert.equal(page.items.length, 6);
    assert.ok(page.items.every((item) => item.outcome === 'escalated'));
  });

  test('search matches a call id, a trace id or a correlation id exactly', async () => {
    const target = sessions[7];
    for (const search of [target.callId, target.traceId, target.correlationId]) {
      const page = await temp.store.listCalls(query({ search }));
      assert.deepEqual(
        page.items.map((item) => item.traceId),
        [target.traceId],
        `search ${search}`,
      );
    }
    assert.equal((await temp.store.listCalls(query({ search: target.callId.slice(0, -1) }))).items.length, 0, 'no prefix match');
  });

  test('an item carries the list columns of its session', async () => {
    const session = makeSession({
      tenantId: 'item',
      outcomeInferred: true,
      sentiment: 'positive',
      bottleneckStage: 'llm',
      cost: costOf(0.25),
      connectorCalls: [connectorCall(), connectorCall({ success: false, errorType: 'timeout' })],
    });
    await temp.store.saveSessions([session]);
    const [item] = (await temp.store.listCalls({ ...query(), tenantId: 'item' })).items;
    assert.deepEqual(item, {
      callId: session.callId,
      traceId: session.traceId,
      agentId: session.agentId,
      agentVersion: session.agentVersion,
      campaignId: '',
      direction: 'inbound',
      startUs: session.startUs,
      durationMs: session.durationMs,
      outcome: 'resolved',
      outcomeInferred: true,
      answeredBy: null,
      escalationReason: '',
      sentiment: 'positive',
      bottleneckStage: 'llm',
      connectorCalls: 2,
      connectorFailures: 1,
      totalCostUsd: 0.25,
      correlationId: session.correlationId,
    });
  });

  test('a cursor that was not issued by the server is a 400', async () => {
    await assert.rejects(
      temp.store.listCalls(query({ cursor: 'not-a-cursor' })),
      (error: unknown) => error instanceof PlaneError && error.statusCode === 400,
    );
  });
});
