import type { DuckDBConnection } from '@duckdb/node-api';
import type { Bucket, CallFilter, ConnectorStats, KpiSeriesPoint, KpiSummary } from '../../kpis/kpi-types.js';
import { callFilterSql, hasDimensionFilter } from './call-filter-sql.js';
import { BUCKET_SQL } from './duration-histogram.js';
import { inTransaction } from './in-transaction.js';
import { MEASURES_SQL, SUMMED_MEASURES_SQL } from './kpi-aggregates.js';
import { KpiParts } from './kpi-parts.js';
import { bucketSql, edgeWhere, rollupWhere, splitWindow, type TimeRange } from './kpi-window-sql.js';
import { listItems, num, numOrNull, str, type Row } from './row-values.js';
import { seriesBuckets } from './series-buckets.js';
import { SqlParams, queryRows } from './sql-params.js';
import { surveyAggregates } from './survey-queries.js';
import type { SurveyTenants } from './survey-tenants.js';

/**
 * Reads the parts of every KPI for a window, in one snapshot: whole hours from the hourly rollups
 * (kpi-rollups.ts), whole minutes at the ends from the minute rollups (kpi-minute-rollups.ts) and
 * whatever is left from sessions, summed per bucket (kpi-parts.ts). The cost follows the number of
 * hours and dimension values, not the number of calls.
 */
async function kpiParts(connection: DuckDBConnection, filter: CallFilter, bucketUs: number | null, surveys: SurveyTenants): Promise<KpiParts> {
  const split = splitWindow(filter);
  const m = new SqlParams();
  const measuresSql = windowUnion(split.hours, [
    () => `SELECT ${bucketSql('hour_us', bucketUs, m)} AS b, ${SUMMED_MEASURES_SQL} FROM kpi_rollups WHERE ${rollupWhere(filter, split, m)} GROUP BY b`,
    ...split.byMinute.minutes.map(
      (range) => () =>
        `SELECT ${bucketSql('minute_us', bucketUs, m)} AS b, ${SUMMED_MEASURES_SQL} FROM kpi_tenant_minute_rollups WHERE ${edgeWhere(filter, range, m, 'minute_us')} GROUP BY b`,
    ),
    ...split.byMinute.edges.map(
      (range) => () => `SELECT ${bucketSql('start_us', bucketUs, m)} AS b, ${MEASURES_SQL} FROM sessions WHERE ${edgeWhere(filter, range, m)} GROUP BY b`,
    ),
  ]);
  const d = new SqlParams();
  // Without a dimension filter, the histogram per tenant and hour: a tenth of the rows (kpi-rollups.ts).
  const durationRollups = hasDimensionFilter(filter) ? 'kpi_duration_rollups' : 'kpi_tenant_duration_rollups';
  const durationsSql = windowUnion(split.hours, [
    () => `SELECT ${bucketSql('hour_us', bucketUs, d)} AS b, bucket, sum(handled) AS n FROM ${durationRollups} WHERE ${rollupWhere(filter, split, d)} GROUP BY ALL`,
    ...split.edges.map(
      (range) => () =>
        `SELECT ${bucketSql('start_us', bucketUs, d)} AS b, ${BUCKET_SQL} AS bucket, count(*) AS n FROM sessions WHERE handled AND (${edgeWhere(filter, range, d)}) GROUP BY ALL`,
    ),
  ]);
  const w = new SqlParams();
  const itemsSql = windowUnion(split.hours, [
    () => `SELECT ${bucketSql('hour_us', bucketUs, w)} AS b, type, sum(items) AS n FROM kpi_work_item_rollups WHERE ${rollupWhere(filter, split, w)} GROUP BY ALL`,
    ...split.edges.map(
      (range) => () =>
        `SELECT ${bucketSql('session_start_us', bucketUs, w)} AS b, type, count(*) AS n FROM work_items WHERE ${edgeWhere(filter, range, w, 'session_start_us')} GROUP BY ALL`,
    ),
  ]);
  const query = (sql: string, p: SqlParams): Promise<Row[]> => (sql ? queryRows(connection, sql, p) : Promise.resolve([]));
  const [measureRows, durationRows, itemRows, surveyRows] = await inTransaction(connection, async () => [
    await query(measuresSql, m),
    await query(durationsSql, d),
    await query(itemsSql, w),
    await surveyAggregates(connection, filter, bucketUs, surveys),
  ]);
  const parts = new KpiParts();
  for (const row of measureRows) parts.addMeasures(num(row.b), row);
  for (const row of durationRows) parts.addDurations(num(row.b), num(row.bucket), num(row.n));
  for (const row of itemRows) parts.addWorkItems(num(row.b), str(row.type), num(row.n));
  for (const row of surveyRows) parts.setSurveys(bucketUs === null ? 0 : num(row.bucket_start_us), row);
  return parts;
}

export async function kpiSummary(
  connection: DuckDBConnection,
  filter: CallFilter,
  humanCostPerCallUsd: number | null,
  surveys: SurveyTenants,
): Promise<KpiSummary> {
  if (filter.toUs <= filter.fromUs) return new KpiParts().summaryAt(0, humanCostPerCallUsd);
  return (await kpiParts(connection, filter, null, surveys)).summaryAt(0, humanCostPerCallUsd);
}

/**
 * Every KPI per UTC hour or day of session start. Buckets are Unix-epoch aligned (exact integer
 * arithmetic on µs); every bucket of the window is returned, empty ones with zero counts and null
 * rates, so a chart has no gaps.
 */
export async function kpiSeries(
  connection: DuckDBConnection,
  filter: CallFilter,
  bucket: Bucket,
  humanCostPerCallUsd: number | null,
  surveys: SurveyTenants,
): Promise<KpiSeriesPoint[]> {
  const { parts, startsUs } = await seriesParts(connection, filter, bucket, surveys);
  return pointsOf(parts, startsUs, humanCostPerCallUsd);
}

/**
 * A series and the summary of its whole window from the same reads (and the same snapshot): the
 * console's overview page shows both, and a summary costs as much as a series to read.
 */
export async function kpiSeriesWithTotal(
  connection: DuckDBConnection,
  filter: CallFilter,
  bucket: Bucket,
  humanCostPerCallUsd: number | null,
  surveys: SurveyTenants,
): Promise<{ total: KpiSummary; points: KpiSeriesPoint[] }> {
  const { parts, startsUs } = await seriesParts(connection, filter, bucket, surveys);
  return {
    total: parts.total().summaryAt(0, humanCostPerCallUsd),
    points: pointsOf(parts, startsUs, humanCostPerCallUsd),
  };
}

async function seriesParts(
  connection: DuckDBConnection,
  filter: CallFilter,
  bucket: Bucket,
  surveys: SurveyTenants,
): Promise<{ parts: KpiParts; startsUs: number[] }> {
  const { sizeUs, startsUs } = seriesBuckets(filter, bucket);
  return { parts: startsUs.length === 0 ? new KpiParts() : await kpiParts(connection, filter, sizeUs, surveys), startsUs };
}

function pointsOf(parts: KpiParts, startsUs: number[], humanCostPerCallUsd: number | null): KpiSeriesPoint[] {
  return startsUs.map((start) => ({ bucketStartUs: start, kpis: parts.summaryAt(start, humanCostPerCallUsd) }));
}

/**
 * One statement over a split window: the rollups' whole hours first, then a branch per range of
 * the window's ends (kpi-window-sql.ts says why); empty when there is nothing to read. The hours'
 * branch is left out when the window holds no whole hour, and a window on whole hours (the API's
 * day windows) reads the rollups alone: each aggregate DuckDB sets up costs time even over no rows
 * (over 1M calls the summary's measures took 10 ms with an empty sessions branch, ~4 without).
 * Branches are built left to right, as the statement reads, each adding its parameters in order.
 */
function windowUnion(hours: TimeRange | null, [hoursBranch, ...rangeBranches]: (() => string)[]): string {
  return [...(hours ? [hoursBranch] : []), ...rangeBranches].map((branch) => branch()).join(UNION_ALL);
}

const UNION_ALL = '\n      UNION ALL\n      ';

/**
 * Per connector, over the connector calls of sessions that started in the window: calls, success
 * rate, p50/p95 latency (quantile_cont, over all calls, failed ones included) and failures by
 * error type, largest first. Connectors are ordered by call count, then name.
 */
export async function connectorBreakdown(connection: DuckDBConnection, filter: CallFilter): Promise<ConnectorStats[]> {
  const p = new SqlParams();
  const where = callFilterSql(filter, p, 'session_start_us');
  const [stats, failures] = await inTransaction(connection, async () => [
    await queryRows(
      connection,
      `SELECT connector, count(*) AS calls, count_if(success) AS successes,
              quantile_cont(duration_ms, [0.5, 0.95]) AS latency
       FROM connector_calls WHERE ${where}
       GROUP BY connector ORDER BY calls DESC, connector`,
      p,
    ),
    await queryRows(
      connection,
      `SELECT connector, error_type, count(*) AS n
       FROM connector_calls WHERE ${where} AND NOT success
       GROUP BY connector, error_type ORDER BY n DESC, error_type`,
      p,
    ),
  ]);
  return stats.map((row) => {
    const connector = str(row.connector);
    const calls = num(row.calls);
    const successes = num(row.successes);
    const [p50, p95] = listItems(row.latency);
    return {
      connector,
      calls,
      successes,
      successRate: calls === 0 ? null : successes / calls,
      p50LatencyMs: numOrNull(p50),
      p95LatencyMs: numOrNull(p95),
      failuresByError: failures
        .filter((f) => str(f.connector) === connector)
        .map((f) => ({ errorType: str(f.error_type), count: num(f.n) })),
    };
  });
}
