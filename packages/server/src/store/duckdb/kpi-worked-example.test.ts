import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AnsweredBy, Direction, Outcome, Sentiment } from '@lumay/conventions';
import type { CallFilter } from '../../kpis/kpi-types.js';
import type { CallSession, ConnectorCall } from '../../model/call-session.js';
import { assertApproxEqual } from './approx-equal.js';
import { HOUR_US, T0_US, connectorCall, costOf, makeSession } from './make-session.js';
import { openTempStore, type TempStore } from './temp-store.js';

/*
 * The worked example of docs/kpis.md, call for call. If this test changes, change the document.
 * Window 09:00–11:00 UTC on 2026-03-02 (T0 = 09:00), human cost per call $5.00.
 */

/** One row of the document's table. */
interface ExampleCall {
  id: string;
  /** Start, minutes after 09:00 UTC. */
  minute: number;
  seconds: number;
  direction: Direction;
  answeredBy: AnsweredBy | null;
  outcome: Outcome;
  inferred: boolean;
  sentiment: Sentiment | null;
  costUsd: number;
  connectors: Partial<ConnectorCall>[];
  workItem: string | null;
}

// prettier-ignore
const EXAMPLE: ExampleCall[] = [
  { id: 'C1', minute: 5, seconds: 120, direction: 'inbound', answeredBy: null, outcome: 'resolved', inferred: false,
    sentiment: 'positive', costUsd: 0.4, workItem: 'ticket',
    connectors: [{ connector: 'crm', durationMs: 200 }, { connector: 'ticketing', durationMs: 300 }] },
  { id: 'C2', minute: 20, seconds: 300, direction: 'inbound', answeredBy: null, outcome: 'escalated', inferred: false,
    sentiment: 'negative', costUsd: 0.9, workItem: null,
    connectors: [{ connector: 'crm', durationMs: 5000, success: false, timedOut: true, errorType: 'timeout' }] },
  { id: 'C3', minute: 35, seconds: 60, direction: 'inbound', answeredBy: null, outcome: 'resolved', inferred: true,
    sentiment: null, costUsd: 0.2, workItem: 'crm_update', connectors: [] },
  { id: 'C4', minute: 50, seconds: 30, direction: 'inbound', answeredBy: null, outcome: 'abandoned', inferred: false,
    sentiment: 'neutral', costUsd: 0.1, workItem: null, connectors: [] },
  { id: 'C5', minute: 65, seconds: 180, direction: 'outbound', answeredBy: 'human', outcome: 'resolved', inferred: false,
    sentiment: 'positive', costUsd: 0.6, workItem: 'appointment', connectors: [{ connector: 'calendar', durationMs: 400 }] },
  { id: 'C6', minute: 80, seconds: 240, direction: 'outbound', answeredBy: 'human', outcome: 'escalated', inferred: true,
    sentiment: 'neutral', costUsd: 0.7, workItem: null, connectors: [] },
  { id: 'C7', minute: 95, seconds: 20, direction: 'outbound', answeredBy: 'machine', outcome: 'unanswered', inferred: false,
    sentiment: 'neutral', costUsd: 0.05, workItem: null, connectors: [] },
  { id: 'C8', minute: 110, seconds: 30, direction: 'outbound', answeredBy: 'no_answer', outcome: 'unanswered', inferred: false,
    sentiment: null, costUsd: 0.05, workItem: null, connectors: [] },
];

const calls: CallSession[] = EXAMPLE.map((c) => {
  const startUs = T0_US + c.minute * 60_000_000;
  return makeSession({
    tenantId: 'example',
    callId: c.id,
    startUs,
    endUs: startUs + c.seconds * 1_000_000,
    direction: c.direction,
    answeredBy: c.answeredBy,
    outcome: c.outcome,
    outcomeInferred: c.inferred,
    sentiment: c.sentiment,
    cost: costOf(c.costUsd),
    connectorCalls: c.connectors.map((overrides) => connectorCall(overrides)),
    workItems: c.workItem ? [{ type: c.workItem, id: `${c.id}-item`, system: 'helpdesk', spanId: '' }] : [],
    // As buildSession derives them (appointment-outcome.ts): C5's appointment work item is a booking.
    appointmentAttempted: c.workItem === 'appointment',
    appointmentBooked: c.workItem === 'appointment',
  });
});

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
      appointments: { attempted: 1, booked: 1, conversionRate: 1 },
      surveys: {
        csatResponses: 0,
        csatSatisfied: 0,
        csatScore: null,
        csatAverage: null,
        npsResponses: 0,
        npsPromoters: 0,
        npsPassives: 0,
        npsDetractors: 0,
        nps: null,
      },
      totalCostUsd: 3,
      costPerCallUsd: 0.375,
      costPerResolvedUsd: 1,
      escalatedCostUsd: 1.6,
      humanCostAvoidedUsd: 15,
      savingsUsd: 12,
      roi: 4,
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
    // prettier-ignore
    assertApproxEqual(picked, [
      { bucketStartUs: T0_US, calls: 4, handled: 4, resolved: 2, containmentRate: 0.5, outboundAnswerRate: null,
        totalCostUsd: 1.6, costPerResolvedUsd: 0.8, savingsUsd: 8.4 },
      { bucketStartUs: T0_US + HOUR_US, calls: 4, handled: 2, resolved: 1, containmentRate: 0.5, outboundAnswerRate: 0.5,
        totalCostUsd: 1.4, costPerResolvedUsd: 1.4, savingsUsd: 3.6 },
    ]);
  });

  test('connector breakdown: per-connector success, p50/p95 latency and failures', async () => {
    // prettier-ignore
    assertApproxEqual(await temp.store.connectorBreakdown(filter), [
      { connector: 'crm', calls: 2, successes: 1, successRate: 0.5, p50LatencyMs: 2600, p95LatencyMs: 4760,
        failuresByError: [{ errorType: 'timeout', count: 1 }] },
      { connector: 'calendar', calls: 1, successes: 1, successRate: 1, p50LatencyMs: 400, p95LatencyMs: 400, failuresByError: [] },
      { connector: 'ticketing', calls: 1, successes: 1, successRate: 1, p50LatencyMs: 300, p95LatencyMs: 300, failuresByError: [] },
    ]);
  });
});
