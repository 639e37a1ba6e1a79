import type { InsightCallRow, ExampleCall } from './insight-types.js';
import { latestExamples } from './example-calls.js';

export interface SlideBucket {
  start: string;
  handled: number;
  /** Negative share of handled calls with a sentiment label. */
  negativeShare: number | null;
  escalationRate: number | null;
}

export interface SentimentSlide {
  buckets: SlideBucket[];
  /** Pearson correlation of the negative share in one bucket with the escalation rate in the next. */
  laggedCorrelation: number | null;
  /** True when negative sentiment rose in the bucket before an escalation rise (see `risesAt`). */
  detected: boolean;
  /** Start of the first bucket whose escalation rise followed a sentiment slide. */
  risesAt: string | null;
  /** Negative-sentiment escalated calls of the slide and the rise. */
  examples: ExampleCall[];
}

const BUCKETS = 12;
/** A rise must be at least this many rate points over the window's baseline to count. */
const MIN_RISE = 0.05;
const MIN_CORRELATION = 0.5;

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Splits the window into 12 equal buckets and looks for a sentiment slide that leads an
 * escalation rise by one bucket: the lagged correlation, and the first bucket whose escalation
 * rate and the previous bucket's negative share both sit MIN_RISE above their medians.
 */
export function sentimentSlide(rows: readonly InsightCallRow[], fromUs: number, toUs: number): SentimentSlide {
  const width = (toUs - fromUs) / BUCKETS;
  const groups: InsightCallRow[][] = Array.from({ length: BUCKETS }, () => []);
  for (const row of rows) {
    if (!row.handled) continue;
    const i = Math.min(BUCKETS - 1, Math.max(0, Math.floor((row.startUs - fromUs) / width)));
    groups[i]?.push(row);
  }
  const buckets = groups.map((g, i) => {
    const labelled = g.filter((r) => r.sentiment !== null);
    return {
      start: new Date((fromUs + i * width) / 1000).toISOString(),
      handled: g.length,
      negativeShare:
        labelled.length > 0 ? labelled.filter((r) => r.sentiment === 'negative').length / labelled.length : null,
      escalationRate: g.length > 0 ? g.filter((r) => r.outcome === 'escalated').length / g.length : null,
    };
  });
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 1; i < BUCKETS; i++) {
    const neg = buckets[i - 1]?.negativeShare;
    const esc = buckets[i]?.escalationRate;
    if (neg != null && esc != null) {
      xs.push(neg);
      ys.push(esc);
    }
  }
  const laggedCorrelation = pearson(xs, ys);
  const negBase = median(buckets.flatMap((b) => (b.negativeShare === null ? [] : [b.negativeShare])));
  const escBase = median(buckets.flatMap((b) => (b.escalationRate === null ? [] : [b.escalationRate])));
  let rise = -1;
  for (let i = 1; i < BUCKETS && rise < 0; i++) {
    const neg = buckets[i - 1]?.negativeShare;
    const esc = buckets[i]?.escalationRate;
    if (neg != null && esc != null && neg - negBase >= MIN_RISE && esc - escBase >= MIN_RISE) rise = i;
  }
  const detected = rise > 0 && laggedCorrelation !== null && laggedCorrelation >= MIN_CORRELATION;
  const evidence = detected ? [...(groups[rise - 1] ?? []), ...(groups[rise] ?? [])] : [];
  return {
    buckets,
    laggedCorrelation,
    detected,
    risesAt: detected ? (buckets[rise]?.start ?? null) : null,
    examples: latestExamples(
      evidence.filter((r) => r.outcome === 'escalated' && r.sentiment === 'negative'),
      () => 'negative sentiment, escalated',
    ),
  };
}
