import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALLER_UTTERANCES } from './caller-utterances.js';
import { transcriptSentiment, utteranceScore, type WordList } from './transcript-sentiment.js';
import { labelOfScore } from './sentiment-scale.js';

function accuracy(dev: boolean, words: WordList = 'call-centre'): number {
  const rows = CALLER_UTTERANCES.filter((r) => r.dev === dev);
  return rows.filter((r) => labelOfScore(utteranceScore(r.text, words)) === r.label).length / rows.length;
}

// Floors under the accuracy measured when the lexicon was tuned (docs/sentiment.md): held out
// 0.80 against 0.70 for the bare word list; a change that loses accuracy fails here.
test('held-out caller utterances: at least 78% labelled as a reviewer would', () => {
  assert.ok(accuracy(false) >= 0.78, `held-out accuracy ${accuracy(false)}`);
});

test('the call-centre lexicon beats the bare word list on held-out utterances', () => {
  assert.ok(accuracy(false) > accuracy(false, 'plain'), `${accuracy(false)} vs ${accuracy(false, 'plain')}`);
});

test('scoring with the plain list first does not change the call-centre list, nor the reverse', () => {
  const before = [accuracy(false, 'plain'), accuracy(false)];
  assert.deepEqual([accuracy(false, 'plain'), accuracy(false)], before);
  assert.ok(before[1] > before[0]);
});

test('the evaluation set is balanced enough to mean something', () => {
  for (const label of ['positive', 'neutral', 'negative'] as const) {
    for (const dev of [true, false]) assert.ok(CALLER_UTTERANCES.filter((r) => r.label === label && r.dev === dev).length >= 15, `${label} dev=${dev}`);
  }
});

const calls: { reason: string; lines: string[]; want: { sentiment: string; trajectory: string } | null }[] = [
  { reason: 'no words, no sentiment', lines: ['', '  '], want: null },
  {
    reason: 'a call that starts angry and ends thankful improved',
    lines: ['I have been charged twice, this is unacceptable', 'My account number is 4471', 'Okay', 'Perfect, thank you so much'],
    want: { sentiment: 'positive', trajectory: 'improved' },
  },
  {
    reason: 'a call that ends asking for a manager worsened',
    lines: ['Hi, I need to change my appointment', 'Tuesday please', 'Why is nobody able to do this?', 'I want to speak to a manager now'],
    want: { sentiment: 'negative', trajectory: 'worsened' },
  },
  { reason: 'plain requests are neutral and steady', lines: ['I need to reset my password', 'It is my email address', 'Yes'], want: { sentiment: 'neutral', trajectory: 'steady' } },
];

for (const c of calls) {
  test(`transcriptSentiment: ${c.reason}`, () => {
    const got = transcriptSentiment(c.lines);
    assert.deepEqual(got === null ? null : { sentiment: got.sentiment, trajectory: got.trajectory }, c.want);
  });
}

test('transcriptSentiment: the call is labelled by its last third, the start by its first', () => {
  const got = transcriptSentiment(['This is ridiculous', 'ok', 'ok', 'ok', 'ok', 'Thanks, that is great']);
  assert.ok(got);
  assert.equal(got.utterances, 6);
  assert.equal(got.startScore, Math.round(((utteranceScore('This is ridiculous') + utteranceScore('ok')) / 2) * 1000) / 1000);
  assert.equal(got.score, Math.round(((utteranceScore('ok') + utteranceScore('Thanks, that is great')) / 2) * 1000) / 1000);
});
