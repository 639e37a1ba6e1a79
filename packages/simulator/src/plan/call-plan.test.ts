import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANSWERED_BY, OUTCOMES, SENTIMENTS, isOneOf } from '@lumay/conventions';
import { planCalls, type CallPlan } from './call-plan.js';
import { groundTruth } from './ground-truth.js';
import { isHandled, turnEndOffsetMs } from './plan-timing.js';

const NOW_MS = Date.UTC(2025, 5, 16, 12, 0, 0);
const SEEDS = [1, 42, 20_250_616];

describe('planCalls determinism', () => {
  it('gives identical plans for the same seed and instant', () => {
    assert.deepEqual(planCalls({ calls: 300, seed: 7, nowMs: NOW_MS }), planCalls({ calls: 300, seed: 7, nowMs: NOW_MS }));
  });

  it('gives other calls for another seed', () => {
    const a = planCalls({ calls: 50, seed: 7, nowMs: NOW_MS }).map((p) => p.callId);
    const b = planCalls({ calls: 50, seed: 8, nowMs: NOW_MS }).map((p) => p.callId);
    assert.equal(a.filter((id) => b.includes(id)).length, 0);
  });

  it('moves only the start times when sent at another instant', () => {
    const earlier = planCalls({ calls: 100, seed: 7, nowMs: NOW_MS });
    const later = planCalls({ calls: 100, seed: 7, nowMs: NOW_MS + 3_600_000 });
    assert.deepEqual(
      later.map((p) => ({ ...p, startMs: p.startMs - 3_600_000 })),
      earlier,
    );
  });
});

function share(plans: CallPlan[], predicate: (p: CallPlan) => boolean): number {
  return plans.filter(predicate).length / plans.length;
}

describe('planCalls mix (2,000 calls per seed)', () => {
  for (const seed of SEEDS) {
    const plans = planCalls({ calls: 2000, seed, nowMs: NOW_MS });
    const kpis = groundTruth(plans);
    const handled = plans.filter(isHandled);
    const ranges: { reason: string; value: number | null; min: number; max: number }[] = [
      { reason: 'about 65% of calls are inbound', value: share(plans, (p) => p.direction === 'inbound'), min: 0.6, max: 0.7 },
      { reason: 'containment is about 70%', value: kpis.containmentRate, min: 0.64, max: 0.76 },
      { reason: 'escalation is about 17%', value: kpis.escalationRate, min: 0.12, max: 0.22 },
      { reason: 'about 60% of outbound dials reach a person', value: kpis.outboundAnswerRate, min: 0.53, max: 0.69 },
      { reason: 'connectors mostly succeed, but not always', value: kpis.connectorSuccessRate, min: 0.9, max: 0.99 },
      { reason: 'about one handled call in ten has an outcome left to infer', value: kpis.inferredOutcomes / handled.length, min: 0.05, max: 0.15 },
      { reason: 'almost every handled call carries a sentiment', value: kpis.sentiment.labelled / handled.length, min: 0.93, max: 0.99 },
      { reason: 'median handled call lasts a couple of minutes', value: kpis.p50DurationMs, min: 100_000, max: 200_000 },
      { reason: 'resolved calls last 1 to 8 minutes', value: Math.min(...handled.filter((p) => p.outcome === 'resolved').map((p) => p.durationMs)), min: 60_000, max: 480_000 },
      { reason: 'no handled call exceeds 8 minutes by more than its closing turn', value: Math.max(...handled.map((p) => p.durationMs)), min: 240_000, max: 500_000 },
    ];
    for (const r of ranges) {
      it(`seed ${seed}: ${r.reason}`, () => {
        assert.ok(r.value !== null && r.value >= r.min && r.value <= r.max, `${r.value} not in [${r.min}, ${r.max}]`);
      });
    }

    it(`seed ${seed}: uses 2–3 agents with versions, three campaigns, every answered_by value and every work item kind`, () => {
      const agents = new Set(plans.map((p) => p.agent.id));
      assert.ok(agents.size >= 2 && agents.size <= 3, [...agents].join());
      assert.ok(new Set(plans.map((p) => `${p.agent.id}@${p.agent.version}`)).size > agents.size, 'some agent runs two versions');
      assert.equal(new Set(plans.filter((p) => p.direction === 'outbound').map((p) => p.campaignId)).size, 3);
      assert.deepEqual(new Set(plans.flatMap((p) => (p.answeredBy ? [p.answeredBy] : []))), new Set(ANSWERED_BY));
      assert.deepEqual(Object.keys(kpis.workItems).sort(), ['appointment', 'crm_update', 'ticket']);
    });
  }
});

describe('planCalls invariants', () => {
  const plans = SEEDS.flatMap((seed) => planCalls({ calls: 1000, seed, nowMs: NOW_MS }));
  const violations = (check: (p: CallPlan) => boolean): string[] => plans.filter((p) => !check(p)).map((p) => p.callId);

  const rules: { reason: string; check: (p: CallPlan) => boolean }[] = [
    {
      reason: 'no child span ends after the root: the duration is root end − root start',
      check: (p) =>
        p.telephonyMs <= p.durationMs &&
        p.turns.every((t) => turnEndOffsetMs(t) <= p.durationMs) &&
        (p.transfer === null || p.transfer.offsetMs + p.transfer.durationMs <= p.durationMs),
    },
    { reason: 'turns are numbered from 1 and do not overlap', check: (p) => p.turns.every((t, i) => t.number === i + 1 && (i === 0 || t.startOffsetMs >= turnEndOffsetMs(p.turns[i - 1]))) },
    { reason: 'every call has ended 30 s before now', check: (p) => p.startMs + p.durationMs <= NOW_MS - 30_000 },
    { reason: 'calls start within the default 6 hours', check: (p) => p.startMs >= NOW_MS - 6 * 3_600_000 },
    { reason: 'outcome and answered_by are from the closed sets', check: (p) => isOneOf(OUTCOMES, p.outcome) && (p.answeredBy === null || isOneOf(ANSWERED_BY, p.answeredBy)) },
    { reason: 'unanswered ⇔ outbound not answered by a person', check: (p) => (p.outcome === 'unanswered') === !isHandled(p) },
    { reason: 'inbound calls have no campaign and no answered_by; outbound calls have both', check: (p) => (p.direction === 'inbound') === (p.campaignId === null && p.answeredBy === null) },
    { reason: 'an unanswered dial is only root + telephony, without sentiment', check: (p) => isHandled(p) || (p.turns.length === 0 && p.transfer === null && p.sentiment === null) },
    { reason: 'a handled call has at least one turn', check: (p) => !isHandled(p) || p.turns.length > 0 },
    { reason: 'escalated ⇔ a transfer with a reason', check: (p) => (p.outcome === 'escalated') === (p.transfer !== null && p.escalationReason !== null) },
    { reason: 'failed ⇔ a technical error type', check: (p) => (p.outcome === 'failed') === (p.errorType !== null) },
    { reason: 'abandoned and unanswered outcomes are always stated', check: (p) => p.outcomeStated || p.outcome === 'resolved' || p.outcome === 'escalated' || p.outcome === 'failed' },
    {
      reason: 'the sentiment score lies in the band the plane labels the same way',
      check: (p) =>
        p.sentiment === null
          ? p.sentimentScore === null
          : isOneOf(SENTIMENTS, p.sentiment) && p.sentimentScore !== null && (p.sentiment === 'positive' ? p.sentimentScore > 0.25 : p.sentiment === 'negative' ? p.sentimentScore < -0.25 : Math.abs(p.sentimentScore) <= 0.25),
    },
    { reason: 'a failed connector call has an error type and creates nothing', check: (p) => p.turns.every((t) => t.connectors.every((c) => c.success === (c.errorType === null) && (c.success || c.workItem === null))) },
    { reason: 'usage is positive where a stage ran', check: (p) => p.turns.every((t) => t.callerSpeechMs > 0 && t.inputTokens > 0 && t.outputTokens > 0 && t.agentText.length > 0) },
    { reason: 'times are whole milliseconds (exact in OTLP nanoseconds)', check: (p) => Number.isInteger(p.startMs) && Number.isInteger(p.durationMs) && p.turns.every((t) => Number.isInteger(t.startOffsetMs)) },
  ];
  for (const rule of rules) {
    it(rule.reason, () => assert.deepEqual(violations(rule.check).slice(0, 5), []));
  }

  it('gives every call its own id and correlation id, sorted by start', () => {
    assert.equal(new Set(plans.map((p) => p.callId)).size, plans.length);
    assert.equal(new Set(plans.map((p) => p.correlationId)).size, plans.length);
    const one = planCalls({ calls: 500, seed: 3, nowMs: NOW_MS });
    assert.ok(one.every((p, i) => i === 0 || one[i - 1].startMs <= p.startMs));
  });

  it('has repeat callers, as real lines do', () => {
    const one = planCalls({ calls: 500, seed: 3, nowMs: NOW_MS });
    assert.ok(new Set(one.map((p) => p.callerHash)).size < one.length);
  });
});
