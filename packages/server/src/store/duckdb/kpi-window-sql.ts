import type { CallFilter } from '../../kpis/kpi-types.js';
import { callFilterSql } from './call-filter-sql.js';
import { HOUR_US } from './kpi-rollups.js';
import type { SqlParams } from './sql-params.js';

/**
 * A KPI window split for rollups: the whole UTC hours inside it are read from the rollup tables,
 * the partial hours at its ends (a window from 09:20 to 17:45) from the sessions themselves, so
 * any window is exact, however it is aligned.
 */
export interface WindowSplit {
  /** Whole hours [fromUs, toUs) read from rollups; null when the window holds none. */
  hours: { fromUs: number; toUs: number } | null;
  /** Ranges of session start read from raw rows. */
  edges: { fromUs: number; toUs: number }[];
}

export function splitWindow(filter: CallFilter): WindowSplit {
  const firstHour = Math.ceil(filter.fromUs / HOUR_US) * HOUR_US;
  const lastHour = Math.floor(filter.toUs / HOUR_US) * HOUR_US;
  if (firstHour >= lastHour) return { hours: null, edges: [{ fromUs: filter.fromUs, toUs: filter.toUs }] };
  const edges = [];
  if (filter.fromUs < firstHour) edges.push({ fromUs: filter.fromUs, toUs: firstHour });
  if (lastHour < filter.toUs) edges.push({ fromUs: lastHour, toUs: filter.toUs });
  return { hours: { fromUs: firstHour, toUs: lastHour }, edges };
}

/** WHERE of the rollup rows of a split (`false` when there are none). */
export function rollupWhere(filter: CallFilter, split: WindowSplit, p: SqlParams): string {
  return split.hours ? callFilterSql({ ...filter, ...split.hours }, p, 'hour_us') : 'false';
}

/** WHERE of the raw rows of a split's edges, on `startColumn` (`false` when there are none). */
export function edgeWhere(filter: CallFilter, split: WindowSplit, p: SqlParams, startColumn = 'start_us'): string {
  if (split.edges.length === 0) return 'false';
  return split.edges.map((edge) => `(${callFilterSql({ ...filter, ...edge }, p, startColumn)})`).join(' OR ');
}

/** The bucket a row falls in: one bucket for a summary (`null`), else `column // size * size`. */
export function bucketSql(column: string, bucketUs: number | null, p: SqlParams): string {
  return bucketUs === null ? '0' : `(${column} // ${p.us(bucketUs)}) * ${p.us(bucketUs)}`;
}
