import type { CallFilter } from '../../kpis/kpi-types.js';
import { callFilterSql, hasDimensionFilter } from './call-filter-sql.js';
import { MINUTE_US } from './kpi-minute-rollups.js';
import { HOUR_US } from './kpi-rollups.js';
import type { SqlParams } from './sql-params.js';

/** A range of session start, [fromUs, toUs). */
export interface TimeRange {
  fromUs: number;
  toUs: number;
}

/**
 * A KPI window split for rollups: the whole UTC hours inside it are read from the hourly rollup
 * tables, the partial hours at its ends (a window from 09:20 to 17:45) from the sessions
 * themselves, so any window is exact, however it is aligned. The measures, when the window has no
 * dimension filter, read the whole minutes of those partial hours from the rollups per tenant and
 * minute (kpi-minute-rollups.ts) and only what is left from sessions.
 */
export interface WindowSplit {
  /** Whole hours read from the hourly rollups; null when the window holds none. */
  hours: TimeRange | null;
  /** The partial hours at the ends, read from raw rows. */
  edges: TimeRange[];
  /** The measures' split of `edges`: whole minutes from the minute rollups, the rest from raw rows. */
  byMinute: { minutes: TimeRange[]; edges: TimeRange[] };
}

export function splitWindow(filter: CallFilter): WindowSplit {
  const { whole, partial } = splitRange(filter, HOUR_US);
  if (hasDimensionFilter(filter)) return { hours: whole, edges: partial, byMinute: { minutes: [], edges: partial } };
  const byMinute = partial.map((edge) => splitRange(edge, MINUTE_US));
  return {
    hours: whole,
    edges: partial,
    byMinute: { minutes: byMinute.flatMap((s) => (s.whole ? [s.whole] : [])), edges: byMinute.flatMap((s) => s.partial) },
  };
}

/**
 * A range cut into the whole units (UTC days, hours, minutes) inside it, null when it holds none,
 * and the partial units at its ends (the whole range when it holds no whole unit).
 */
export function splitRange(range: TimeRange, unitUs: number): { whole: TimeRange | null; partial: TimeRange[] } {
  const first = Math.ceil(range.fromUs / unitUs) * unitUs;
  const last = Math.floor(range.toUs / unitUs) * unitUs;
  if (first >= last) return { whole: null, partial: [{ fromUs: range.fromUs, toUs: range.toUs }] };
  const partial = [];
  if (range.fromUs < first) partial.push({ fromUs: range.fromUs, toUs: first });
  if (last < range.toUs) partial.push({ fromUs: last, toUs: range.toUs });
  return { whole: { fromUs: first, toUs: last }, partial };
}

/** WHERE of the rollup rows of a split (`false` when there are none). */
export function rollupWhere(filter: CallFilter, split: WindowSplit, p: SqlParams): string {
  return split.hours ? callFilterSql({ ...filter, ...split.hours }, p, 'hour_us') : 'false';
}

/**
 * WHERE of the raw rows of one edge of a split, on `startColumn`. Each edge is a statement branch
 * of its own: an OR of the two edges' ranges keeps DuckDB from skipping row groups by start time,
 * so it scanned the whole table (the console's windows, which end on the minute, have two edges).
 */
export function edgeWhere(filter: CallFilter, edge: TimeRange, p: SqlParams, startColumn = 'start_us'): string {
  return callFilterSql({ ...filter, ...edge }, p, startColumn);
}

/** The bucket a row falls in: one bucket for a summary (`null`), else `column // size * size`. */
export function bucketSql(column: string, bucketUs: number | null, p: SqlParams): string {
  return bucketUs === null ? '0' : `(${column} // ${p.us(bucketUs)}) * ${p.us(bucketUs)}`;
}

/**
 * A range cut into whole periods of the given units, coarsest first (the whole days inside it,
 * then the whole hours of the partial days at its ends, then the whole minutes of the partial
 * hours), and what is left at its ends, finer than the finest unit.
 */
export function splitPeriods<U extends string>(
  range: TimeRange,
  units: readonly { unit: U; unitUs: number }[],
): { periods: { unit: U; range: TimeRange }[]; rest: TimeRange[] } {
  if (units.length === 0) return { periods: [], rest: range.fromUs < range.toUs ? [range] : [] };
  const [{ unit, unitUs }, ...finer] = units;
  const { whole, partial } = splitRange(range, unitUs);
  const periods = whole ? [{ unit, range: whole }] : [];
  const rest: TimeRange[] = [];
  for (const part of partial) {
    const split = splitPeriods(part, finer);
    periods.push(...split.periods);
    rest.push(...split.rest);
  }
  return { periods, rest };
}
