import type { CallFilter } from '../../kpis/kpi-types.js';
import { callFilterSql } from './call-filter-sql.js';
import type { SqlParams } from './sql-params.js';

/** A range of session start, [fromUs, toUs). */
export interface TimeRange {
  fromUs: number;
  toUs: number;
}

/**
 * A range cut into the whole units (UTC days, hours, minutes) inside it, null when it holds none,
 * and the partial units at its ends (the whole range when it holds no whole unit).
 */
function splitRange(range: TimeRange, unitUs: number): { whole: TimeRange | null; partial: TimeRange[] } {
  const first = Math.ceil(range.fromUs / unitUs) * unitUs;
  const last = Math.floor(range.toUs / unitUs) * unitUs;
  if (first >= last) return { whole: null, partial: [{ fromUs: range.fromUs, toUs: range.toUs }] };
  const partial = [];
  if (range.fromUs < first) partial.push({ fromUs: range.fromUs, toUs: first });
  if (last < range.toUs) partial.push({ fromUs: last, toUs: range.toUs });
  return { whole: { fromUs: first, toUs: last }, partial };
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
 * hours), and what is left at its ends, finer than the finest unit. A KPI window is read this way
 * (kpi-queries.ts): whole periods from rollups, what is left from the sessions themselves, so any
 * window is exact however it is aligned.
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
