import type { DuckDBConnection } from '@duckdb/node-api';
import type { Bucket, CallFilter, ConnectorStats, KpiSeriesPoint, KpiSummary } from '../../kpis/kpi-types.js';
import { callFilterSql, hasDimensionFilter } from './call-filter-sql.js';
import { inTransaction } from './in-transaction.js';
import { KpiParts, measureValues } from './kpi-parts.js';
import { splitPeriods, type TimeRange } from './kpi-window-sql.js';
import { readWindow, type RangeRead, type ReadKind, type WindowRows } from './kpi-window-reads.js';
import { EMPTY_PERIOD, PERIOD_UNITS, UNIT_US, type KpiPeriodCache, type PeriodParts, type PeriodUnit } from './kpi-period-cache.js';
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

/** The tags of a window's reads (kpi-window-reads.ts): what is summed into buckets directly, and the kept periods' units. */
const TAGS: Readonly<Record<'bucket' | PeriodUnit, number>> = { bucket: 0, day: 1, hour: 2, minute: 3 };
/** Where a period of each unit is read from (kpi-window-reads.ts). */
const KIND_OF: Readonly<Record<PeriodUnit, ReadKind>> = { day: 'hours', hour: 'hours', minute: 'minutes' };

/**
 * Reads the parts of every KPI for a window: whole hours from the hourly rollups (kpi-rollups.ts),
 * whole minutes at the ends from the minute rollups (kpi-minute-rollups.ts) and whatever is left
 * from sessions, summed per bucket (kpi-parts.ts). The cost follows the number of hours and
 * dimension values, not the number of calls. Every read runs in one snapshot.
 */
async function kpiParts(connection: DuckDBConnection, filter: CallFilter, bucketUs: number | null, caches: KpiCaches): Promise<KpiParts> {
  if (!hasDimensionFilter(filter)) {
    // Periods a bucket is made of whole: days only for a summary or daily buckets.
    const units = PERIOD_UNITS.filter(({ unitUs }) => bucketUs === null || bucketUs % unitUs === 0);
    const split = splitPeriods(filter, units);
    if (caches.periods.fits(split.periods)) return keptKpiParts(connection, filter, split, bucketUs, caches);
  }
  return directKpiParts(connection, filter, bucketUs, caches);
}

/**
 * kpiParts from the rollups and sessions alone, nothing kept: whole hours from the hourly rollups,
 * and without a dimension filter whole minutes from the minute rollups (which have no dimensions).
 */
async function directKpiParts(connection: DuckDBConnection, filter: CallFilter, bucketUs: number | null, caches: KpiCaches): Promise<KpiParts> {
  const units = PERIOD_UNITS.filter(({ unit }) => unit === 'hour' || (unit === 'minute' && !hasDimensionFilter(filter)));
  const split = splitPeriods(filter, units);
  const [rows, surveyRows] = await inTransaction(connection, async () => [
    await readWindow(connection, filter, [
      ...split.periods.map(({ unit, range }): RangeRead => ({ tag: TAGS.bucket, kind: KIND_OF[unit], range, bucketUs })),
      ...split.rest.map((range): RangeRead => ({ tag: TAGS.bucket, kind: 'sessions', range, bucketUs })),
    ]),
    await surveyAggregates(connection, filter, bucketUs, caches.surveys),
  ]);
  const parts = new KpiParts();
  addRows(parts, rows);
  addSurveys(parts, surveyRows, bucketUs);
  return parts;
}

/**
 * kpiParts without a dimension filter, for a window cut into whole days, hours and minutes: each
 * period comes from those kept by `caches.periods` (kpi-period-cache.ts), and only those it lacks
 * are read (days and hours from the hourly rollups, minutes from the minute rollups and sessions),
 * grouped per period to be kept; what is left at the ends (a window not on the minute) is read as
 * usual. All in the same three statements.
 */
async function keptKpiParts(
  connection: DuckDBConnection,
  filter: CallFilter,
  split: { periods: { unit: PeriodUnit; range: TimeRange }[]; rest: TimeRange[] },
  bucketUs: number | null,
  caches: KpiCaches,
): Promise<KpiParts> {
  const cache = caches.periods;
  const generation = cache.generation(filter.tenantId);
  const seq = cache.writeSeq(filter.tenantId);
  const looked = split.periods.map((p) => ({ ...p, ...cache.lookup(filter.tenantId, p.unit, p.range) }));
  const missing = (unit: PeriodUnit): TimeRange[] => looked.flatMap((l) => (l.unit === unit && l.missing ? [l.missing] : []));
  const minuteReads = missing('minute').map((range): RangeRead => ({ tag: TAGS.minute, kind: KIND_OF.minute, range, bucketUs: UNIT_US.minute }));
  const reads: RangeRead[] = [
    ...hourlyReads(missing('day'), missing('hour')),
    ...minuteReads,
    ...split.rest.map((range): RangeRead => ({ tag: TAGS.bucket, kind: 'sessions', range, bucketUs })),
  ];
  const [rows, surveyRows] = await inTransaction(connection, async () => [
    await readWindow(connection, filter, reads),
    await surveyAggregates(connection, filter, bucketUs, caches.surveys),
  ]);
  // A write that started since the lookup touched a kept period this answer uses: the kept part
  // and the part just read may come from either side of its commit. Answered again, nothing kept.
  if (looked.some((l) => cache.changedSince(filter.tenantId, seq, l.unit, l.range, l.kept))) {
    return directKpiParts(connection, filter, bucketUs, caches);
  }
  const read = { day: periodPartsOf(rows, TAGS.day), hour: periodPartsOf(rows, TAGS.hour), minute: periodPartsOf(rows, TAGS.minute) };
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

/**
 * The reads of missing days and hours from the hourly rollups. With nothing kept, the whole days
 * and the hours of the partial days on either side are one contiguous range: one scan, grouped by
 * day inside the days and by hour outside (a branch costs DuckDB about what a statement does).
 */
function hourlyReads(days: TimeRange[], hours: TimeRange[]): RangeRead[] {
  const read = (unit: PeriodUnit, range: TimeRange): RangeRead => ({ tag: TAGS[unit], kind: KIND_OF[unit], range, bucketUs: UNIT_US[unit] });
  const [only] = days;
  if (days.length === 1 && hours.length > 0 && hours.every((h) => h.toUs === only.fromUs || h.fromUs === only.toUs)) {
    const range = { fromUs: Math.min(only.fromUs, ...hours.map((h) => h.fromUs)), toUs: Math.max(only.toUs, ...hours.map((h) => h.toUs)) };
    return [{ ...read('hour', range), within: { range: only, bucketUs: UNIT_US.day, tag: TAGS.day } }];
  }
  return [...days.map((range) => read('day', range)), ...hours.map((range) => read('hour', range))];
}

function addSurveys(parts: KpiParts, rows: Row[], bucketUs: number | null): void {
  for (const row of rows) parts.setSurveys(bucketUs === null ? 0 : num(row.bucket_start_us), row);
}

/** The rows read straight into buckets (tag TAGS.bucket). */
function addRows(parts: KpiParts, rows: WindowRows): void {
  const direct = (row: Row): boolean => num(row.u) === TAGS.bucket;
  for (const row of rows.measures.filter(direct)) parts.addMeasures(num(row.b), row);
  for (const row of rows.durations.filter(direct)) parts.addDurations(num(row.b), num(row.bucket), num(row.n));
  for (const row of rows.items.filter(direct)) parts.addWorkItems(num(row.b), str(row.type), num(row.n));
}

/** The rows of the reads tagged `tag` (one bucket a period) as the cache keeps them, by period start. */
function periodPartsOf(rows: WindowRows, tag: number): Map<number, PeriodParts> {
  const periods = new Map<number, PeriodParts>();
  const period = (row: Row): PeriodParts | null => {
    if (num(row.u) !== tag) return null;
    const b = num(row.b);
    let parts = periods.get(b);
    if (!parts) {
      parts = { measures: null, durations: [], workItems: [] };
      periods.set(b, parts);
    }
    return parts;
  };
  for (const row of rows.measures) {
    const parts = period(row);
    if (parts) parts.measures = measureValues(row);
  }
  for (const row of rows.durations) period(row)?.durations.push(num(row.bucket), num(row.n));
  for (const row of rows.items) period(row)?.workItems.push([str(row.type), num(row.n)]);
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
