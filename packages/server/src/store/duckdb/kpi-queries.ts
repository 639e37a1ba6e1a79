import type { DuckDBConnection } from '@duckdb/node-api';
import type { Bucket, CallFilter, ConnectorStats, KpiSeriesPoint, KpiSummary } from '../../kpis/kpi-types.js';
import { callFilterSql, hasDimensionFilter } from './call-filter-sql.js';
import { BUCKET_SQL } from './duration-histogram.js';
import { inTransaction } from './in-transaction.js';
import { MEASURES_SQL, SUMMED_MEASURES_SQL } from './kpi-aggregates.js';
import { KpiParts, measureValues } from './kpi-parts.js';
import { bucketSql, edgeWhere, splitWindow, type TimeRange, type WindowSplit } from './kpi-window-sql.js';
import { EMPTY_PERIOD, UNIT_US, type KpiPeriodCache, type PeriodParts } from './kpi-period-cache.js';
import { MINUTE_US } from './kpi-minute-rollups.js';
import { HOUR_US } from './kpi-rollups.js';
import { listItems, num, numOrNull, str, type Row } from './row-values.js';
import { seriesBuckets } from './series-buckets.js';
import { SqlParams, queryRows } from './sql-params.js';
import { surveyAggregates } from './survey-queries.js';
import type { SurveyTenants } from './survey-tenants.js';

/** Where a KPI read's rows come from, besides the store: survey presence and kept periods. */
export interface KpiCaches {
  surveys: SurveyTenants;
  periods: KpiPeriodCache;
}

/**
 * Reads the parts of every KPI for a window: whole hours from the hourly rollups (kpi-rollups.ts),
 * whole minutes at the ends from the minute rollups (kpi-minute-rollups.ts) and whatever is left
 * from sessions, summed per bucket (kpi-parts.ts). The cost follows the number of hours and
 * dimension values, not the number of calls. Every read runs in one snapshot.
 */
async function kpiParts(connection: DuckDBConnection, filter: CallFilter, bucketUs: number | null, caches: KpiCaches): Promise<KpiParts> {
  const split = splitWindow(filter);
  if (!hasDimensionFilter(filter) && (!split.hours || caches.periods.fits(split.hours))) {
    return keptKpiParts(connection, filter, split, bucketUs, caches);
  }
  const [rows, surveyRows] = await inTransaction(connection, async () => [
    await readStatements(connection, windowStatements(filter, split.hours, split, bucketUs)),
    await surveyAggregates(connection, filter, bucketUs, caches.surveys),
  ]);
  const parts = new KpiParts();
  addRows(parts, rows);
  addSurveys(parts, surveyRows, bucketUs);
  return parts;
}

/**
 * kpiParts without a dimension filter: the whole hours and the whole minutes of the ends come from
 * the periods kept by `caches.periods` (kpi-period-cache.ts), and only those it lacks are read,
 * per hour and per minute, to be kept; what is left of the ends (a window not on the minute) is
 * read as usual.
 */
async function keptKpiParts(
  connection: DuckDBConnection,
  filter: CallFilter,
  split: WindowSplit,
  bucketUs: number | null,
  caches: KpiCaches,
): Promise<KpiParts> {
  const cache = caches.periods;
  const generation = cache.generation(filter.tenantId);
  const looked = [
    ...(split.hours ? [{ unit: 'hour' as const, range: split.hours }] : []),
    ...split.byMinute.minutes.map((range) => ({ unit: 'minute' as const, range })),
  ].map((p) => ({ ...p, ...cache.lookup(filter.tenantId, p.unit, p.range) }));
  const missingHours = looked.flatMap((l) => (l.unit === 'hour' && l.missing ? [l.missing] : []));
  const missingMinutes = looked.flatMap((l) => (l.unit === 'minute' && l.missing ? [l.missing] : []));
  const subMinute = split.byMinute.edges;
  const [rows, hourRows, minuteRows, surveyRows] = await inTransaction(connection, async () => [
    await readStatements(connection, windowStatements(filter, null, { edges: subMinute, byMinute: { minutes: [], edges: subMinute } }, bucketUs)),
    missingHours.length > 0 ? await readStatements(connection, windowStatements(filter, missingHours[0], NO_EDGES, HOUR_US)) : null,
    missingMinutes.length > 0
      ? await readStatements(
          connection,
          windowStatements(filter, null, { edges: missingMinutes, byMinute: { minutes: missingMinutes, edges: [] } }, MINUTE_US),
        )
      : null,
    await surveyAggregates(connection, filter, bucketUs, caches.surveys),
  ]);
  const read = { hour: periodPartsOf(hourRows), minute: periodPartsOf(minuteRows) };
  const parts = new KpiParts();
  addRows(parts, rows);
  for (const { unit, range, kept, missing } of looked) {
    if (missing) cache.keep(filter.tenantId, unit, generation, missing, read[unit]);
    kept.forEach((period, i) => {
      const at = range.fromUs + i * UNIT_US[unit];
      parts.addPeriod(bucketUs === null ? 0 : Math.floor(at / bucketUs) * bucketUs, period ?? read[unit].get(at) ?? EMPTY_PERIOD);
    });
  }
  addSurveys(parts, surveyRows, bucketUs);
  return parts;
}

function addSurveys(parts: KpiParts, rows: Row[], bucketUs: number | null): void {
  for (const row of rows) parts.setSurveys(bucketUs === null ? 0 : num(row.bucket_start_us), row);
}

interface Statement {
  sql: string;
  params: SqlParams;
}

/** The three statements of a window's parts: measures, duration histogram, work items. */
interface WindowStatements {
  measures: Statement;
  durations: Statement;
  items: Statement;
}

interface WindowRows {
  measures: Row[];
  durations: Row[];
  items: Row[];
}

const NO_EDGES: Pick<WindowSplit, 'edges' | 'byMinute'> = { edges: [], byMinute: { minutes: [], edges: [] } };

/**
 * The statements reading `hours` from the hourly rollups (none when null) and the ends of `split`
 * from the minute rollups and sessions, each row in its bucket (`b`).
 */
function windowStatements(
  filter: CallFilter,
  hours: TimeRange | null,
  split: Pick<WindowSplit, 'edges' | 'byMinute'>,
  bucketUs: number | null,
): WindowStatements {
  const rollupWhere = (p: SqlParams): string => callFilterSql({ ...filter, ...hours }, p, 'hour_us');
  const m = new SqlParams();
  const measures = windowUnion(hours, [
    () => `SELECT ${bucketSql('hour_us', bucketUs, m)} AS b, ${SUMMED_MEASURES_SQL} FROM kpi_rollups WHERE ${rollupWhere(m)} GROUP BY b`,
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
  const durations = windowUnion(hours, [
    () => `SELECT ${bucketSql('hour_us', bucketUs, d)} AS b, bucket, sum(handled) AS n FROM ${durationRollups} WHERE ${rollupWhere(d)} GROUP BY ALL`,
    ...split.edges.map(
      (range) => () =>
        `SELECT ${bucketSql('start_us', bucketUs, d)} AS b, ${BUCKET_SQL} AS bucket, count(*) AS n FROM sessions WHERE handled AND (${edgeWhere(filter, range, d)}) GROUP BY ALL`,
    ),
  ]);
  const w = new SqlParams();
  const items = windowUnion(hours, [
    () => `SELECT ${bucketSql('hour_us', bucketUs, w)} AS b, type, sum(items) AS n FROM kpi_work_item_rollups WHERE ${rollupWhere(w)} GROUP BY ALL`,
    ...split.edges.map(
      (range) => () =>
        `SELECT ${bucketSql('session_start_us', bucketUs, w)} AS b, type, count(*) AS n FROM work_items WHERE ${edgeWhere(filter, range, w, 'session_start_us')} GROUP BY ALL`,
    ),
  ]);
  return { measures: { sql: measures, params: m }, durations: { sql: durations, params: d }, items: { sql: items, params: w } };
}

async function readStatements(connection: DuckDBConnection, statements: WindowStatements): Promise<WindowRows> {
  const query = ({ sql, params }: Statement): Promise<Row[]> => (sql ? queryRows(connection, sql, params) : Promise.resolve([]));
  return { measures: await query(statements.measures), durations: await query(statements.durations), items: await query(statements.items) };
}

function addRows(parts: KpiParts, rows: WindowRows): void {
  for (const row of rows.measures) parts.addMeasures(num(row.b), row);
  for (const row of rows.durations) parts.addDurations(num(row.b), num(row.bucket), num(row.n));
  for (const row of rows.items) parts.addWorkItems(num(row.b), str(row.type), num(row.n));
}

/** Rows read per period (one bucket an hour or a minute) as the cache keeps them. */
function periodPartsOf(rows: WindowRows | null): Map<number, PeriodParts> {
  const periods = new Map<number, PeriodParts>();
  if (!rows) return periods;
  const period = (b: number): PeriodParts => {
    let parts = periods.get(b);
    if (!parts) {
      parts = { measures: null, durations: [], workItems: [] };
      periods.set(b, parts);
    }
    return parts;
  };
  for (const row of rows.measures) period(num(row.b)).measures = measureValues(row);
  for (const row of rows.durations) period(num(row.b)).durations.push(num(row.bucket), num(row.n));
  for (const row of rows.items) period(num(row.b)).workItems.push([str(row.type), num(row.n)]);
  return periods;
}

export async function kpiSummary(
  connection: DuckDBConnection,
  filter: CallFilter,
  humanCostPerCallUsd: number | null,
  caches: KpiCaches,
): Promise<KpiSummary> {
  if (filter.toUs <= filter.fromUs) return new KpiParts().summaryAt(0, humanCostPerCallUsd);
  return (await kpiParts(connection, filter, null, caches)).summaryAt(0, humanCostPerCallUsd);
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
  caches: KpiCaches,
): Promise<KpiSeriesPoint[]> {
  const { parts, startsUs } = await seriesParts(connection, filter, bucket, caches);
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
  caches: KpiCaches,
): Promise<{ total: KpiSummary; points: KpiSeriesPoint[] }> {
  const { parts, startsUs } = await seriesParts(connection, filter, bucket, caches);
  return {
    total: parts.total().summaryAt(0, humanCostPerCallUsd),
    points: pointsOf(parts, startsUs, humanCostPerCallUsd),
  };
}

async function seriesParts(
  connection: DuckDBConnection,
  filter: CallFilter,
  bucket: Bucket,
  caches: KpiCaches,
): Promise<{ parts: KpiParts; startsUs: number[] }> {
  const { sizeUs, startsUs } = seriesBuckets(filter, bucket);
  return { parts: startsUs.length === 0 ? new KpiParts() : await kpiParts(connection, filter, sizeUs, caches), startsUs };
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
