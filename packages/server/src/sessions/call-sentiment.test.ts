import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attributes } from '../model/telemetry-records.js';
import { callSentiment, type CallSentiment } from './call-sentiment.js';
import { child, rootSpan } from './span-fixture.js';

const cases: { reason: string; root: Attributes; turns?: Attributes[]; want: CallSentiment }[] = [
  { reason: 'stated label with its score', root: { 'lumay.call.sentiment': 'negative', 'lumay.call.sentiment.score': -0.8 }, want: { sentiment: 'negative', sentimentScore: -0.8 } },
  { reason: 'stated label wins over a contradicting score', root: { 'lumay.call.sentiment': 'positive', 'lumay.call.sentiment.score': -0.9 }, want: { sentiment: 'positive', sentimentScore: -0.9 } },
  { reason: 'stated label any case', root: { 'lumay.call.sentiment': 'Neutral' }, want: { sentiment: 'neutral', sentimentScore: null } },
  { reason: 'score above 0.25 → positive', root: { 'lumay.call.sentiment.score': 0.26 }, want: { sentiment: 'positive', sentimentScore: 0.26 } },
  { reason: 'score exactly 0.25 is still neutral', root: { 'lumay.call.sentiment.score': 0.25 }, want: { sentiment: 'neutral', sentimentScore: 0.25 } },
  { reason: 'score exactly -0.25 is still neutral', root: { 'lumay.call.sentiment.score': -0.25 }, want: { sentiment: 'neutral', sentimentScore: -0.25 } },
  { reason: 'score below -0.25 → negative', root: { 'lumay.call.sentiment.score': -0.3 }, want: { sentiment: 'negative', sentimentScore: -0.3 } },
  { reason: 'score as a numeric string', root: { 'lumay.call.sentiment.score': '0.9' }, want: { sentiment: 'positive', sentimentScore: 0.9 } },
  { reason: 'score outside −1..1 is ignored, not guessed', root: { 'lumay.call.sentiment.score': 4 }, want: { sentiment: null, sentimentScore: null } },
  { reason: 'invalid label and no score → from turns', root: { 'lumay.call.sentiment': 'angry' }, turns: [{ 'lumay.turn.sentiment': 'negative' }], want: { sentiment: 'negative', sentimentScore: null } },
  { reason: 'the last labelled turn wins', root: {}, turns: [{ 'lumay.turn.sentiment': 'negative' }, { 'lumay.turn.sentiment': 'positive' }, {}], want: { sentiment: 'positive', sentimentScore: null } },
  { reason: 'a turn score is labelled by the thresholds', root: {}, turns: [{ 'lumay.turn.sentiment.score': -0.6 }], want: { sentiment: 'negative', sentimentScore: -0.6 } },
  { reason: 'nothing stated → null', root: {}, turns: [{}], want: { sentiment: null, sentimentScore: null } },
];

for (const c of cases) {
  test(`callSentiment: ${c.reason}`, () => {
    const spans = [rootSpan(c.root), ...(c.turns ?? []).map((attrs, i) => child('turn', { startMs: 1000 * (i + 1), attrs }))];
    assert.deepEqual(callSentiment(spans), c.want);
  });
}
