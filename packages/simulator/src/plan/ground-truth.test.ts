import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallPlan } from './call-plan.js';
import { connectorTruth, groundTruth, planWindow, quantileCont, type ExpectedKpis } from './ground-truth.js';
import { makeConnector, makePlan, makeTurn, makeUnanswered } from './plan-fixture.js';

describe('quantileCont', () => {
  const cases: { reason: string; values: number[]; q: number; expected: number | null }[] = [
    { reason: 'no values: undefined, as SQL gives NULL', values: [], q: 0.5, expected: null },
    { reason: 'one value is every quantile', values: [42], q: 0.9, expected: 42 },
    { reason: 'even count: median halfway between the middle two', values: [10, 20, 30, 40], q: 0.5, expected: 25 },
    { reason: 'p90 of five: position 3.6 → 40 + 0.6 × (50 − 40)', values: [10, 20, 30, 40, 50], q: 0.9, expected: 46 },
    { reason: 'position on a rank: no interpolation', values: [10, 20, 30], q: 0.5, expected: 20 },
    { reason: 'q = 1 is the maximum', values: [1, 2, 3], q: 1, expected: 3 },
  ];
  for (const c of cases) {
    it(c.reason, () => {
      const actual = quantileCont(c.values, c.q);
      if (c.expected === null) assert.equal(actual, null);
      else assert.ok(actual !== null && Math.abs(actual - c.expected) < 1e-9, `${actual} ≠ ${c.expected}`);
    });
  }
});

describe('groundTruth', () => {
  const cases: { reason: string; plans: CallPlan[]; expected: Partial<ExpectedKpis> }[] = [
    {
      reason: 'no calls: zero counts and null rates, never NaN',
      plans: [],
      expected: { calls: 0, handled: 0, containmentRate: null, escalationRate: null, avgDurationMs: null, p50DurationMs: null, connectorSuccessRate: null, outboundAnswerRate: null, workItems: {} },
    },
    {
      reason: 'containment = resolved / handled and escalation = escalated / handled; unanswered dials are in neither',
      plans: [
        makePlan(),
        makePlan(),
        makePlan({ outcome: 'escalated', escalationReason: 'complaint', transfer: { offsetMs: 5000, durationMs: 2000 } }),
        makePlan({ outcome: 'abandoned' }),
        makeUnanswered('machine'),
      ],
      expected: { calls: 5, handled: 4, resolved: 2, escalated: 1, abandoned: 1, failed: 0, unanswered: 1, containmentRate: 0.5, escalationRate: 0.25 },
    },
    {
      reason: 'an outbound call answered by a person is handled; machine, no answer, busy and failed dials are not',
      plans: [
        makePlan({ direction: 'outbound', answeredBy: 'human', campaignId: 'renewals' }),
        makeUnanswered('machine'),
        makeUnanswered('no_answer'),
        makeUnanswered('busy'),
        makeUnanswered('failed'),
      ],
      expected: { handled: 1, unanswered: 4, outboundAttempts: 5, outboundAnswered: 1, outboundAnswerRate: 0.2 },
    },
    {
      reason: 'durations are over handled calls only, quantiles interpolated (p90 of 60/120/180 s = 168 s)',
      plans: [
        makePlan({ durationMs: 60_000 }),
        makePlan({ durationMs: 180_000 }),
        makePlan({ durationMs: 120_000 }),
        makeUnanswered('no_answer', { durationMs: 999_000 }),
      ],
      expected: { avgDurationMs: 120_000, p50DurationMs: 120_000, p90DurationMs: 168_000 },
    },
    {
      reason: 'connector calls count every attempt, retries included; work items only from calls that created one',
      plans: [
        makePlan({
          turns: [
            makeTurn({
              connectors: [
                makeConnector({ connector: 'ticketing', operation: 'create_ticket', success: false, errorType: 'timeout' }),
                makeConnector({ connector: 'ticketing', operation: 'create_ticket', workItem: { type: 'ticket', id: 'TCK-1' } }),
              ],
            }),
            makeTurn({ number: 2, connectors: [makeConnector({ operation: 'update_contact', workItem: { type: 'crm_update', id: 'CRM-1' } })] }),
          ],
        }),
        makePlan({ turns: [makeTurn({ connectors: [makeConnector({ connector: 'calendar', operation: 'book', workItem: { type: 'crm_update', id: 'CRM-2' } })] })] }),
      ],
      expected: { connectorCalls: 4, connectorSuccesses: 3, connectorSuccessRate: 0.75, workItems: { crm_update: 2, ticket: 1 } },
    },
    {
      reason: 'sentiment shares are over labelled handled calls; unlabelled and unanswered calls are left out',
      plans: [
        makePlan({ sentiment: 'positive', sentimentScore: 0.8 }),
        makePlan({ sentiment: 'positive', sentimentScore: 0.5 }),
        makePlan({ sentiment: 'negative', sentimentScore: -0.6 }),
        makePlan({ sentiment: null }),
        makeUnanswered('machine', { sentiment: 'neutral' }),
      ],
      expected: {
        sentiment: { positive: 2, neutral: 0, negative: 1, labelled: 3, positiveShare: 2 / 3, neutralShare: 0, negativeShare: 1 / 3 },
      },
    },
    {
      reason: 'an outcome left for the plane to infer counts as inferred and still under its outcome',
      plans: [makePlan({ outcomeStated: false }), makePlan({ outcome: 'failed', errorType: 'llm_timeout', outcomeStated: false }), makePlan()],
      expected: { inferredOutcomes: 2, resolved: 2, failed: 1 },
    },
  ];
  for (const c of cases) {
    it(c.reason, () => {
      const actual = groundTruth(c.plans);
      for (const [field, value] of Object.entries(c.expected)) assert.deepEqual(actual[field as keyof ExpectedKpis], value, field);
    });
  }
});

describe('connectorTruth and planWindow', () => {
  it('gives per-connector rates and failures by error type, sorted by name', () => {
    const plans = [
      makePlan({ turns: [makeTurn({ connectors: [makeConnector({ connector: 'ticketing' }), makeConnector({ connector: 'crm', success: false, errorType: 'http_503' })] })] }),
      makePlan({ turns: [makeTurn({ connectors: [makeConnector({ connector: 'crm' })] })] }),
    ];
    assert.deepEqual(connectorTruth(plans), [
      { connector: 'crm', calls: 2, successes: 1, successRate: 0.5, failuresByError: { http_503: 1 } },
      { connector: 'ticketing', calls: 1, successes: 1, successRate: 1, failuresByError: {} },
    ]);
  });

  it('covers every start: from the first start to just after the last', () => {
    const plans = [makePlan({ startMs: 5000 }), makePlan({ startMs: 1000 }), makePlan({ startMs: 3000 })];
    assert.deepEqual(planWindow(plans), { fromMs: 1000, toMs: 5001 });
    assert.equal(planWindow([]), null);
  });
});
