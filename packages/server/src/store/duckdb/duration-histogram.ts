/*
 * Call durations as a log-scale histogram, so duration percentiles can be merged from rollups
 * instead of ranking every call. Bucket b ≥ 1 holds durations in [GROWTH^(b−1), GROWTH^b) ms; bucket 0
 * holds durations under 1 ms. A percentile is read as the geometric middle of the bucket that holds
 * its rank, so it is within ±2.5% of the exact value (half a bucket: √1.05 − 1) — the documented
 * approximation of p50/p90 (docs/kpis.md).
 */

export const GROWTH = 1.05;

/** The most a percentile read from the histogram is off, relative to the exact value: half a bucket. */
export const PERCENTILE_RELATIVE_ERROR = Math.sqrt(GROWTH) - 1;

/** The bucket of `duration_ms` in SQL (DuckDB): the same function as bucketOf. */
export const BUCKET_SQL = `CASE WHEN duration_ms < 1 THEN 0 ELSE CAST(floor(ln(duration_ms) / ln(${GROWTH})) AS INTEGER) + 1 END`;

export function bucketOf(durationMs: number): number {
  return durationMs < 1 ? 0 : Math.floor(Math.log(durationMs) / Math.log(GROWTH)) + 1;
}

/** The representative value of a bucket: the geometric middle of its bounds. */
export function bucketValue(bucket: number): number {
  if (bucket <= 0) return 0.5;
  return Math.pow(GROWTH, bucket - 0.5);
}

/**
 * Percentiles from bucket counts, ranked as `quantile_cont` ranks (h = (n − 1)·q, linear
 * interpolation between the values at ⌊h⌋ and ⌈h⌉), each value read as its bucket's middle: both
 * ends within ±2.5%, so the result is too. Null without values. Counts may arrive split over several
 * rows of one bucket (rollups and window edges): they are summed.
 */
export function histogramQuantiles(buckets: readonly { bucket: number; count: number }[], qs: readonly number[]): (number | null)[] {
  const counts = new Map<number, number>();
  for (const { bucket, count } of buckets) counts.set(bucket, (counts.get(bucket) ?? 0) + count);
  const sorted = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  const valueAtRank = (rank: number): number => {
    let seen = 0;
    for (const [bucket, n] of sorted) {
      seen += n;
      if (rank < seen) return bucketValue(bucket);
    }
    return bucketValue(sorted[sorted.length - 1][0]);
  };
  return qs.map((q) => {
    if (total === 0) return null;
    const h = (total - 1) * q;
    const lo = valueAtRank(Math.floor(h));
    return lo + (h - Math.floor(h)) * (valueAtRank(Math.ceil(h)) - lo);
  });
}
