import { createRequire } from 'node:module';
import Sentiment from 'sentiment';
import type { Sentiment as SentimentLabel } from '@lumay/conventions';
import { CALL_CENTRE_LEXICON } from './call-centre-lexicon.js';

/*
 * Two word lists: AFINN-165 as the library ships it ('en'), and the same extended by the
 * call-centre lexicon, registered once as its own language. (The library's per-call `extras`
 * option merges into the shared English list for good, so it is never used here.)
 */
const english = createRequire(import.meta.url)('sentiment/languages/en/index.js') as Sentiment.LanguageModule;
const analyzer = new Sentiment();
analyzer.registerLanguage('en-callcentre', { labels: { ...english.labels, ...CALL_CENTRE_LEXICON }, scoringStrategy: english.scoringStrategy });

/** `call-centre`: the word list the plane uses; `plain`: AFINN alone, the baseline it is measured against. */
export type WordList = 'call-centre' | 'plain';

import { POLAR_THRESHOLD, labelOfScore } from './sentiment-scale.js';

/** AFINN sums grow with length; this maps them onto −1..1 the way VADER normalises its
 * compound score (x / √(x² + α)), with α = 16 so that one mildly charged word (±1: "yes", "no",
 * "please") stays neutral and two points of valence do not. */
const ALPHA = 16;

/**
 * One utterance's sentiment on −1..1: the AFINN-165 word list of the `sentiment` library (with its
 * English negation handling), extended by a call-centre lexicon for what callers say that
 * general-purpose lists misread ("on hold", "charged twice", "still", a bare "okay").
 */
export function utteranceScore(text: string, words: WordList = 'call-centre'): number {
  const { score } = analyzer.analyze(text, { language: words === 'plain' ? 'en' : 'en-callcentre' });
  return score / Math.sqrt(score * score + ALPHA);
}

export type Trajectory = 'improved' | 'worsened' | 'steady';

export interface TranscriptSentiment {
  sentiment: SentimentLabel;
  /** How the caller sounded at the end: the mean score of the last third of their utterances. */
  score: number;
  /** The mean score of the first third. */
  startScore: number;
  /** End against start: a change of more than the neutral band's half-width counts. */
  trajectory: Trajectory;
  utterances: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * A call's sentiment from what the caller said, in order. Like a stated turn sentiment, the call
 * is labelled by how it ended (the last third of the caller's utterances, at least one), and the
 * trajectory says whether it ended better or worse than it began. Null without an utterance.
 */
export function transcriptSentiment(utterances: readonly string[]): TranscriptSentiment | null {
  const scores = utterances.filter((u) => u.trim() !== '').map((u) => utteranceScore(u));
  if (scores.length === 0) return null;
  const third = Math.max(1, Math.ceil(scores.length / 3));
  const startScore = mean(scores.slice(0, third));
  const score = mean(scores.slice(-third));
  const delta = score - startScore;
  return {
    sentiment: labelOfScore(score),
    score: round(score),
    startScore: round(startScore),
    trajectory: delta > POLAR_THRESHOLD / 2 ? 'improved' : delta < -POLAR_THRESHOLD / 2 ? 'worsened' : 'steady',
    utterances: scores.length,
  };
}
