import type { DuckDBConnection } from '@duckdb/node-api';
import type { CallFilter } from '../../kpis/kpi-types.js';
import { callFilterSql, hasDimensionFilter } from './call-filter-sql.js';
import { BUCKET_SQL } from './duration-histogram.js';
import { MEASURES_SQL, SUMMED_MEASURES_SQL } from './kpi-aggregates.js';
import { bucketSql, edgeWhere, type TimeRange } from './kpi-window-sql.js';
import type { Row } from './row-values.js';
import { SqlParams, queryRows } from './sql-params.js';

/**
 * Where a range of a window is read from: `hours`, whole UTC hours, from the hourly rollups;
 * `minutes`, whole minutes without a dimension filter, the measures from the rollups per tenant
 * and minute (kpi-minute-rollups.ts) and the rest from sessions; `sessions`, from the rows.
 */
export type ReadKind = 'hours' | 'minutes' | 'sessions';

/** One range of a window to read, its rows grouped into buckets of `bucketUs` (one when null) and marked `tag`. */
export interface RangeRead {
  tag: number;
  kind: ReadKind;
  range: TimeRange;
  bucketUs: number | null;
  /**
   * For `hours` only: a part of `range` whose rows are grouped into buckets of `within.bucketUs`
   * and marked `within.tag` instead, in the same scan (whole days inside a range of hours: one
   * branch instead of three).
   */
  within?: { range: TimeRange; bucketUs: number; tag: number };
}

/** The rows of a window's reads: each has its read's tag (`u`) and its bucket start (`b`). */
export interface WindowRows {
  measures: Row[];
  durations: Row[];
  items: Row[];
}

/**
 * Reads the measures, the duration histogram and the work items of every range of `reads`: one
 * statement each, a UNION branch per range. Each range is a branch of its own rather than an OR
 * of ranges, which keeps DuckDB skipping row groups by start time (an OR made it read the whole
 * table); one statement for all of them because each statement costs its planning whatever it
 * reads (DuckDB plans every parameterised statement that scans a table again on each run).
 */
export async function readWindow(connection: DuckDBConnection, filter: CallFilter, reads: readonly RangeRead[]): Promise<WindowRows> {
  const statement = (branch: (read: RangeRead, p: SqlParams) => string): Promise<Row[]> => {
    const p = new SqlParams();
    // Built left to right, as the statement reads, each branch adding its parameters in order.
    const sql = reads.map((read) => branch(read, p)).join(UNION_ALL);
    return sql ? queryRows(connection, sql, p) : Promise.resolve([]);
  };
  const head = (read: RangeRead, column: string, p: SqlParams): string => {
    if (!read.within) return `SELECT ${read.tag} AS u, ${bucketSql(column, read.bucketUs, p)} AS b`;
    const { range, bucketUs, tag } = read.within;
    const inside = (): string => `${column} >= ${p.us(range.fromUs)} AND ${column} < ${p.us(range.toUs)}`;
    return `SELECT CASE WHEN ${inside()} THEN ${tag} ELSE ${read.tag} END AS u,
      CASE WHEN ${inside()} THEN ${bucketSql(column, bucketUs, p)} ELSE ${bucketSql(column, read.bucketUs, p)} END AS b`;
  };
  const hourWhere = (read: RangeRead, p: SqlParams): string => callFilterSql({ ...filter, ...read.range }, p, 'hour_us');
  const measures = await statement((read, p) => {
    if (read.kind === 'hours') return `${head(read, 'hour_us', p)}, ${SUMMED_MEASURES_SQL} FROM kpi_rollups WHERE ${hourWhere(read, p)} GROUP BY ALL`;
    if (read.kind === 'minutes') {
      return `${head(read, 'minute_us', p)}, ${SUMMED_MEASURES_SQL} FROM kpi_tenant_minute_rollups WHERE ${edgeWhere(filter, read.range, p, 'minute_us')} GROUP BY b`;
    }
    return `${head(read, 'start_us', p)}, ${MEASURES_SQL} FROM sessions WHERE ${edgeWhere(filter, read.range, p)} GROUP BY b`;
  });
  // Without a dimension filter, the histogram per tenant and hour: a tenth of the rows (kpi-rollups.ts).
  const durationRollups = hasDimensionFilter(filter) ? 'kpi_duration_rollups' : 'kpi_tenant_duration_rollups';
  const durations = await statement((read, p) =>
    read.kind === 'hours'
      ? `${head(read, 'hour_us', p)}, bucket, sum(handled) AS n FROM ${durationRollups} WHERE ${hourWhere(read, p)} GROUP BY ALL`
      : `${head(read, 'start_us', p)}, ${BUCKET_SQL} AS bucket, count(*) AS n FROM sessions WHERE handled AND (${edgeWhere(filter, read.range, p)}) GROUP BY ALL`,
  );
  const items = await statement((read, p) =>
    read.kind === 'hours'
      ? `${head(read, 'hour_us', p)}, type, sum(items) AS n FROM kpi_work_item_rollups WHERE ${hourWhere(read, p)} GROUP BY ALL`
      : `${head(read, 'session_start_us', p)}, type, count(*) AS n FROM work_items WHERE ${edgeWhere(filter, read.range, p, 'session_start_us')} GROUP BY ALL`,
  );
  return { measures, durations, items };
}

const UNION_ALL = '\n      UNION ALL\n      ';
