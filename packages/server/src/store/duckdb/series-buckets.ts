import { PlaneError } from '../../errors/plane-error.js';
import type { Bucket, CallFilter } from '../../kpis/kpi-types.js';

export const BUCKET_US: Record<Bucket, number> = { hour: 3_600_000_000, day: 86_400_000_000 };

/** More points than any chart draws; the bound keeps a mistaken window from filling memory. */
export const MAX_SERIES_BUCKETS = 10_000;

/**
 * The buckets of a series: Unix-epoch aligned (`start // size * size`, exact on BIGINT µs), every
 * one from the bucket holding `fromUs` to the last starting before `toUs`, so a chart has no gaps.
 */
export function seriesBuckets(filter: CallFilter, bucket: Bucket): { sizeUs: number; startsUs: number[] } {
  const sizeUs = BUCKET_US[bucket];
  if (filter.toUs <= filter.fromUs) return { sizeUs, startsUs: [] };
  const firstUs = Math.floor(filter.fromUs / sizeUs) * sizeUs;
  const count = Math.max(0, Math.ceil((filter.toUs - firstUs) / sizeUs));
  if (count > MAX_SERIES_BUCKETS) {
    throw PlaneError.badRequest(`the window holds ${count} ${bucket} buckets, more than ${MAX_SERIES_BUCKETS}; shorten it or use day buckets`);
  }
  return { sizeUs, startsUs: Array.from({ length: count }, (_, i) => firstUs + i * sizeUs) };
}
