import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sentimentSlide } from './sentiment-slide.js';
import type { InsightCallRow } from './insight-types.js';

const HOUR_US = 3_600_000_000;
const FROM = 1_700_000_000_000_000;

function row(id: string, hour: number, negative: boolean, escalated: boolean): InsightCallRow {
  return {
    callId: id,
    startUs: FROM + hour * HOUR_US + 60_000_000,
    agentVersion: 'v1',
    outcome: escalated ? 'escalated' : 'resolved',
    handled: true,
    escalationReason: escalated ? 'asked_for_human' : '',
    sentiment: negative ? 'negative' : 'neutral',
    durationMs: 60_000,
    totalCostUsd: 0.1,
    bottleneckStage: 'llm',
    stageMs: { llm: 1000 },
    failedConnectors: [],
    calledConnectors: [],
  };
}

/** Ten calls per hour for 12 hours: 1 negative and 1 escalated, except where a slide is staged. */
function hours(negatives: Record<number, number>, escalations: Record<number, number>): InsightCallRow[] {
  const rows: InsightCallRow[] = [];
  for (let h = 0; h < 12; h++) {
    const neg = negatives[h] ?? 1;
    const esc = escalations[h] ?? 1;
    // Escalated calls are the negative ones first, as when unhappy callers ask for a person.
    for (let i = 0; i < 10; i++) rows.push(row(`c${h}-${i}`, h, i < neg, i < esc));
  }
  return rows;
}

test('a rise in negative sentiment one bucket before an escalation rise is detected, with its calls', () => {
  const slide = sentimentSlide(hours({ 6: 5, 7: 5 }, { 7: 5 }), FROM, FROM + 12 * HOUR_US);
  assert.equal(slide.buckets.length, 12);
  assert.equal(slide.buckets[6]?.negativeShare, 0.5);
  assert.equal(slide.buckets[7]?.escalationRate, 0.5);
  assert.ok(slide.laggedCorrelation !== null && slide.laggedCorrelation > 0.6, `r = ${slide.laggedCorrelation}`);
  assert.equal(slide.detected, true);
  assert.equal(slide.risesAt, new Date((FROM + 7 * HOUR_US) / 1000).toISOString());
  assert.ok(slide.examples.length > 0);
  assert.ok(slide.examples.every((e) => e.callId.startsWith('c6-') || e.callId.startsWith('c7-')));
});

test('an escalation rise without a sentiment slide before it is not reported', () => {
  const slide = sentimentSlide(hours({}, { 7: 5 }), FROM, FROM + 12 * HOUR_US);
  assert.equal(slide.detected, false);
  assert.equal(slide.risesAt, null);
  assert.deepEqual(slide.examples, []);
});

test('a sentiment slide that is not followed by escalations is not reported', () => {
  const slide = sentimentSlide(hours({ 6: 5 }, {}), FROM, FROM + 12 * HOUR_US);
  assert.equal(slide.detected, false);
});
