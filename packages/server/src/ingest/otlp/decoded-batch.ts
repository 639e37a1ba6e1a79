import type { DecodedBatch } from '../../model/telemetry-records.js';

/** Enough reasons to show the sender what is wrong without letting one bad batch bloat the response. */
export const MAX_REJECTION_REASONS = 5;

export function emptyBatch<T>(): DecodedBatch<T> {
  return { records: [], rejected: 0, errors: [] };
}

/** Counts one rejected record; keeps its reason only while fewer than MAX_REJECTION_REASONS are kept. */
export function rejectRecord(batch: DecodedBatch<unknown>, reason: string): void {
  batch.rejected++;
  if (batch.errors.length < MAX_REJECTION_REASONS) batch.errors.push(reason);
}
