import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CallFilter } from '../../kpis/kpi-types.js';
import type { CallSession } from '../../model/call-session.js';
import { assertApproxEqual } from './approx-equal.js';
import { HOUR_US, T0_US, connectorCall, costOf, makeSession } from './make-session.js';
import { openTempStore, type TempStore } from './temp-store.js';

/*
 * The worked example of docs/kpis.md, call for call. If this test changes, change the document.
 * Window 09:00–11:00 UTC on 2026-03-02 (T0 = 09:00), human cost per call $5.00.
 */

const minute = 60_000_000;
const at = (minutes: number, seconds: number): Pick<CallSession, 'startUs' | 'endUs'> => ({
  startUs: T0_US + minutes * minute,
  endUs: T0_US + minutes * minute + seconds * 1_000_000,
});
const ticket = (type: string, id: string) => ({ type, id, system: 'helpdesk', spanId: id });

const calls: CallSession[] = [
  makeSession({
    callId: 'C1', ...at(5, 120), outcome: 'resolved', sentiment: 'positive', cost: costOf(0.4), workItems: [ticket('ticket', 'T-1')],
    connectorCalls: [connectorCall({ connector: 'crm', durationMs: 200 }), connectorCall({ connector: 'ticketing', durationMs: 300 })],
  }),
  makeSession({
    callId: 'C2', ...at(20, 300), outcome: 'escalated', sentiment: 'negative', cost: costOf(0.9),
    connectorCalls: [connectorCall({ connector: 'crm', durationMs: 5000, success: false, timedOut: true, errorType: 'timeout' })],
  }),
  makeSession({ callId: 'C3', ...at(35, 60), outcome: 'resolved', outcomeInferred: true, cost: costOf(0.2), workItems: [ticket('crm_update', 'U-1')] }),
  makeSession({ callId: 'C4', ...at(50, 30), outcome: 'abandoned', sentiment: 'neutral', cost: costOf(0.1) }),
  makeSession({
    callId: 'C5', ...at(65, 180), direction: 'outbound', answeredBy: 'human', outcome: 'resolved', sentiment: 'positive',
    cost: costOf(0.6), workItems: [ticket('appointment', 'A-1')], connectorCalls: [connectorCall({ connector: 'calendar', durationMs: 400 })],
  }),
  makeSession({
    callId: 'C6', ...at(80, 240), direction: 'outbound', answeredBy: 'human', outcome: 'escalated', outcomeInferred: true,
    sentiment: 'neutral', cost: costOf(0.7),
  }),
  makeSession({ callId: 'C7', ...at(95, 20), direction: 'outbound', answeredBy: 'machine', outcome: 'unanswered', sentiment: 'neutral', cost: costOf(0.05) }),
  makeSession({ callId: 'C8', ...at(110, 30), direction: 'outbound', answeredBy: 'no_answer', outcome: 'unanswered', cost: costOf(0.05) }),
].map((s) => ({ ...s, tenantId: 'example' }));

const filter: CallFilter = { tenantId: 'example', fromUs: T0_US, toUs: T0_US + 2 * HOUR_US };

describe('the worked example of docs/kpis.md', () => {
  let temp: TempStore;
  before(async () => {
    temp = await openTempStore();
    await temp.store.saveSessions(calls);
  });
  after(async () => {
    await temp.dispose();
  });

  test('summary: every KPI equals the value computed by hand', async () => {
    assertApproxEqual(await temp.store.kpiSummary(filter, 5), {
      calls: 8,
      handled: 6,
      resolved: 3,
      escalated: 2,
      abandoned: 1,
      failed: 0,
      unanswered: 2,
      inferredOutcomes: 2,
      containmentRate: 0.5,
      escalationRate: 2 / 6,
      avgDurationMs: 155_000,
      p50DurationMs: 150_000,
      p90DurationMs: 270_000,
      connectorCalls: 4,
      connectorSuccesses: 3,
      connectorSuccessRate: 0.75,
      outboundAttempts: 4,
      outboundAnswered: 2,
      outboundAnswerRate: 0.5,
      workItems: { ticket: 1, crm_update: 1, appointment: 1 },
      sentiment: { positive: 2, neutral: 2, negative: 1, labelled: 5, positiveShare: 0.4, neutralShare: 0.4, negativeShare: 0.2 },
      totalCostUsd: 3,
      costPerResolvedUsd: 1,
      savingsUsd: 12,
    });
  });

  test('without a human cost the savings are null', async () => {
    assert.equal((await temp.store.kpiSummary(filter, null)).savingsUsd, null);
  });

  test('hourly series: 09:00 and 10:00 as in the document', async () => {
    const points = await temp.store.kpiSeries(filter, 'hour', 5);
    const picked = points.map((p) => ({
      bucketStartUs: p.bucketStartUs,
      calls: p.kpis.calls,
      handled: p.kpis.handled,
      resolved: p.kpis.resolved,
      containmentRate: p.kpis.containmentRate,
      outboundAnswerRate: p.kpis.outboundAnswerRate,
      totalCostUsd: p.kpis.totalCostUsd,
      costPerResolvedUsd: p.kpis.costPerResolvedUsd,
      savingsUsd: p.kpis.savingsUsd,
    }));
    assertApproxEqual(picked, [
      { bucketStartUs: T0_US, calls: 4, handled: 4, resolved: 2, containmentRate: 0.5, outboundAnswerRate: null, totalCostUsd: 1.6, costPerResolvedUsd: 0.8, savingsUsd: 8.4 },
      { bucketStartUs: T0_US + HOUR_US, calls: 4, handled: 2, resolved: 1, containmentRate: 0.5, outboundAnswerRate: 0.5, totalCostUsd: 1.4, costPerResolvedUsd: 1.4, savingsUsd: 3.6 },
    ]);
  });

  test('connector breakdown: per-connector success, p50/p95 latency and failures', async () => {
    assertApproxEqual(await temp.store.connectorBreakdown(filter), [
      { connector: 'crm', calls: 2, successes: 1, successRate: 0.5, p50LatencyMs: 2600, p95LatencyMs: 4760, failuresByError: [{ errorType: 'timeout', count: 1 }] },
      { connector: 'calendar', calls: 1, successes: 1, successRate: 1, p50LatencyMs: 400, p95LatencyMs: 400, failuresByError: [] },
      { connector: 'ticketing', calls: 1, successes: 1, successRate: 1, p50LatencyMs: 300, p95LatencyMs: 300, failuresByError: [] },
    ]);
  });
});
