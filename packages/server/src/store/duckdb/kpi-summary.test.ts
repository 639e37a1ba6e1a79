import { after, before, describe, test } from 'node:test';
import type { CallFilter, KpiSummary } from '../../kpis/kpi-types.js';
import type { CallSession } from '../../model/call-session.js';
import { assertApproxEqual } from './approx-equal.js';
import { DAY_US, connectorCall, costOf, makeSession, T0_US } from './make-session.js';
import { openTempStore, type TempStore } from './temp-store.js';

interface KpiCase {
  reason: string;
  sessions: CallSession[];
  /** Narrows the default window (T0 ± 1 day); the tenant is always the case's own. */
  filter?: Partial<Omit<CallFilter, 'tenantId'>>;
  humanCost?: number | null;
  /** Only these fields are checked. */
  expect: Partial<KpiSummary>;
}

const outboundUnanswered = (answeredBy: 'machine' | 'no_answer' | 'busy' | 'failed', costUsd = 0): CallSession =>
  makeSession({ direction: 'outbound', answeredBy, outcome: 'unanswered', cost: costOf(costUsd) });

const cases: KpiCase[] = [
  {
    reason: 'an empty window has zero counts and null rates, durations and cost per outcome',
    sessions: [],
    humanCost: 5,
    expect: {
      calls: 0,
      handled: 0,
      containmentRate: null,
      escalationRate: null,
      avgDurationMs: null,
      p50DurationMs: null,
      p90DurationMs: null,
      connectorSuccessRate: null,
      outboundAnswerRate: null,
      totalCostUsd: 0,
      costPerCallUsd: null,
      costPerResolvedUsd: null,
      escalatedCostUsd: 0,
      humanCostAvoidedUsd: 0,
      savingsUsd: 0,
      roi: null,
      workItems: {},
      sentiment: { positive: 0, neutral: 0, negative: 0, labelled: 0, positiveShare: null, neutralShare: null, negativeShare: null },
    },
  },
  {
    reason: 'outbound attempts nobody answered are calls but not handled: rates over handled stay null',
    sessions: [outboundUnanswered('no_answer'), outboundUnanswered('busy')],
    expect: {
      calls: 2,
      handled: 0,
      unanswered: 2,
      containmentRate: null,
      avgDurationMs: null,
      outboundAttempts: 2,
      outboundAnswered: 0,
      outboundAnswerRate: 0,
    },
  },
  {
    reason: 'an outbound call answered by a machine is an attempt, not a handled call',
    sessions: [outboundUnanswered('machine'), makeSession({ direction: 'outbound', answeredBy: 'human' })],
    expect: { calls: 2, handled: 1, resolved: 1, unanswered: 1, containmentRate: 1, outboundAttempts: 2, outboundAnswerRate: 0.5 },
  },
  {
    reason: 'outcome counts are over handled calls: an attempt not handled is unanswered whatever its outcome field says',
    sessions: [makeSession({ direction: 'outbound', answeredBy: 'machine', outcome: 'resolved' }), makeSession({ outcome: 'resolved' })],
    expect: { calls: 2, handled: 1, resolved: 1, unanswered: 1, containmentRate: 1 },
  },
  {
    reason: 'escalated calls lower containment and make up the escalation rate',
    sessions: [
      makeSession({ outcome: 'resolved' }),
      makeSession({ outcome: 'escalated' }),
      makeSession({ outcome: 'escalated' }),
      makeSession({ outcome: 'escalated' }),
    ],
    expect: { handled: 4, resolved: 1, escalated: 3, containmentRate: 0.25, escalationRate: 0.75 },
  },
  {
    reason: 'abandoned and failed calls are handled but neither contained nor escalated',
    sessions: [makeSession({ outcome: 'abandoned' }), makeSession({ outcome: 'failed' }), makeSession({ outcome: 'resolved' })],
    expect: { handled: 3, abandoned: 1, failed: 1, resolved: 1, containmentRate: 1 / 3, escalationRate: 0 },
  },
  {
    reason: 'inferred outcomes count like stated ones and are also counted apart',
    sessions: [
      makeSession({ outcome: 'resolved', outcomeInferred: true }),
      makeSession({ outcome: 'escalated', outcomeInferred: true }),
      makeSession({ outcome: 'resolved' }),
    ],
    expect: { resolved: 2, escalated: 1, inferredOutcomes: 2, containmentRate: 2 / 3 },
  },
  {
    reason: 'sentiment shares are over handled calls with a label; unlabelled and unanswered calls are left out',
    sessions: [
      makeSession({ sentiment: 'positive' }),
      makeSession({ sentiment: 'positive' }),
      makeSession({ sentiment: 'negative' }),
      makeSession({ sentiment: null }),
      makeSession({ sentiment: null }),
      makeSession({ direction: 'outbound', answeredBy: 'machine', outcome: 'unanswered', sentiment: 'neutral' }),
    ],
    expect: {
      sentiment: { positive: 2, neutral: 0, negative: 1, labelled: 3, positiveShare: 2 / 3, neutralShare: 0, negativeShare: 1 / 3 },
    },
  },
  {
    reason: 'cost per outcome divides the cost of every session, unanswered attempts included, by resolved calls',
    sessions: [makeSession({ outcome: 'resolved', cost: costOf(1) }), outboundUnanswered('no_answer', 0.5)],
    expect: { totalCostUsd: 1.5, costPerCallUsd: 0.75, costPerResolvedUsd: 1.5, escalatedCostUsd: 0, humanCostAvoidedUsd: null, savingsUsd: null, roi: null },
  },
  {
    reason: 'savings are resolved × human cost − total cost, escalations’ cost included',
    sessions: [
      makeSession({ outcome: 'resolved', cost: costOf(0.5) }),
      makeSession({ outcome: 'resolved', cost: costOf(0.25) }),
      makeSession({ outcome: 'escalated', cost: costOf(0.75) }),
    ],
    humanCost: 4,
    expect: { totalCostUsd: 1.5, costPerResolvedUsd: 0.75, escalatedCostUsd: 0.75, humanCostAvoidedUsd: 8, savingsUsd: 6.5, roi: 6.5 / 1.5 },
  },
  {
    reason: 'with no resolved call cost per outcome is null and savings are negative (all cost, no saving)',
    sessions: [makeSession({ outcome: 'escalated', cost: costOf(2) })],
    humanCost: 4,
    expect: { costPerResolvedUsd: null, escalatedCostUsd: 2, savingsUsd: -2, roi: -1 },
  },
  {
    reason: 'durations are over handled calls; p50/p90 interpolate linearly between known durations',
    sessions: [
      makeSession({ endUs: T0_US + 10_000_000 }),
      makeSession({ endUs: T0_US + 20_000_000 }),
      makeSession({ endUs: T0_US + 30_000_000 }),
      makeSession({ endUs: T0_US + 40_000_000 }),
      makeSession({ direction: 'outbound', answeredBy: 'busy', outcome: 'unanswered', endUs: T0_US + 900_000_000 }),
    ],
    expect: { avgDurationMs: 25_000, p50DurationMs: 25_000, p90DurationMs: 37_000 },
  },
  {
    reason: 'connector success is over every connector call of the sessions in the window',
    sessions: [
      makeSession({ connectorCalls: [connectorCall(), connectorCall({ success: false, errorType: 'timeout' })] }),
      makeSession({ connectorCalls: [connectorCall(), connectorCall()] }),
    ],
    expect: { connectorCalls: 4, connectorSuccesses: 3, connectorSuccessRate: 0.75 },
  },
  {
    reason: 'work items are counted by type, types outside the closed set kept as given',
    sessions: [
      makeSession({
        workItems: [
          { type: 'ticket', id: 'T-1', system: 'zendesk', spanId: 'a' },
          { type: 'crm_update', id: 'C-1', system: 'hubspot', spanId: 'b' },
        ],
      }),
      makeSession({
        workItems: [
          { type: 'ticket', id: 'T-2', system: 'zendesk', spanId: 'c' },
          { type: 'refund', id: 'R-1', system: 'stripe', spanId: 'd' },
        ],
      }),
    ],
    expect: { workItems: { ticket: 2, crm_update: 1, refund: 1 } },
  },
  {
    reason: 'the agent filter keeps only that agent’s sessions, work items and connector calls',
    sessions: [
      makeSession({ agentId: 'a1', connectorCalls: [connectorCall()], workItems: [{ type: 'ticket', id: '1', system: 's', spanId: 'x' }] }),
      makeSession({ agentId: 'a2', connectorCalls: [connectorCall()], workItems: [{ type: 'ticket', id: '2', system: 's', spanId: 'y' }] }),
    ],
    filter: { agentId: 'a1' },
    expect: { calls: 1, connectorCalls: 1, workItems: { ticket: 1 } },
  },
  {
    reason: 'the version filter compares agent versions exactly',
    sessions: [makeSession({ agentVersion: '1.0.0' }), makeSession({ agentVersion: '1.0.1' }), makeSession({ agentVersion: '1.0.1' })],
    filter: { agentVersion: '1.0.1' },
    expect: { calls: 2 },
  },
  {
    reason: 'the direction filter on outbound keeps attempts answered or not',
    sessions: [makeSession(), makeSession({ direction: 'outbound' }), outboundUnanswered('machine')],
    filter: { direction: 'outbound' },
    expect: { calls: 2, handled: 1, outboundAttempts: 2 },
  },
  {
    reason: 'the campaign filter keeps one campaign’s calls',
    sessions: [makeSession({ campaignId: 'spring' }), makeSession({ campaignId: 'autumn' }), makeSession({ campaignId: '' })],
    filter: { campaignId: 'spring' },
    expect: { calls: 1 },
  },
  {
    reason: 'the window includes a session starting exactly at its start and excludes one starting exactly at its end',
    sessions: [
      makeSession({ startUs: T0_US - 1, endUs: T0_US + 1_000_000 }),
      makeSession({ startUs: T0_US, endUs: T0_US + 1_000_000 }),
      makeSession({ startUs: T0_US + 59_999_999, endUs: T0_US + 61_000_000 }),
      makeSession({ startUs: T0_US + 60_000_000, endUs: T0_US + 61_000_000 }),
    ],
    filter: { fromUs: T0_US, toUs: T0_US + 60_000_000 },
    expect: { calls: 2 },
  },
];

describe('kpiSummary computes every KPI as docs/kpis.md defines it', () => {
  let temp: TempStore;
  before(async () => {
    temp = await openTempStore();
  });
  after(async () => {
    await temp.dispose();
  });

  cases.forEach((c, i) => {
    test(c.reason, async () => {
      const tenantId = `case-${i}`;
      await temp.store.saveSessions(c.sessions.map((s) => ({ ...s, tenantId })));
      const filter: CallFilter = { tenantId, fromUs: T0_US - DAY_US, toUs: T0_US + DAY_US, ...c.filter };
      const kpis = await temp.store.kpiSummary(filter, c.humanCost ?? null);
      const picked: Record<string, unknown> = {};
      for (const key of Object.keys(c.expect)) picked[key] = kpis[key as keyof KpiSummary];
      assertApproxEqual(picked, c.expect, 'kpis');
    });
  });
});
