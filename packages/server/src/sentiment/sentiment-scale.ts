import type { Sentiment } from '@lumay/conventions';

/** Scores on the −1..1 scale (CCAI-style) beyond ±0.25 carry a direction; the band between is
 * neutral. Shared by stated scores and scores read from transcripts, so both label alike. */
export const POLAR_THRESHOLD = 0.25;

export function labelOfScore(score: number): Sentiment {
  if (score > POLAR_THRESHOLD) return 'positive';
  if (score < -POLAR_THRESHOLD) return 'negative';
  return 'neutral';
}
