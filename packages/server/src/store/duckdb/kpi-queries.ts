import type { DuckDBConnection } from '@duckdb/node-api';
import type { Bucket, CallFilter, ConnectorStats, KpiSeriesPoint, KpiSummary } from '../../kpis/kpi-types.js';
import { callFilterSql, hasDimensionFilter } from './call-filter-sql.js';
import { BUCKET_SQL, histogramQuantiles } from './duration-histogram.js';
import { inTransaction } from './in-transaction.js';
import { KPI_MEASURES, MEASURES_SQL, SUMMED_MEASURES_SQL, kpiSummaryOf } from './kpi-aggregates.js';
import { MINUTE_US } from './kpi-rollups.js';
import { bucketSql, edgeWhere, rollupWhere, splitRange, splitWindow, type TimeRange, type WindowSplit } from './kpi-window-sql.js';
import { listItems, num, numOrNull, str, type Row } from './row-values.js';
import { seriesBuckets } from './series-buckets.js';
import { SqlParams, queryRows } from './sql-params.js';
import { surveyAggregates } from './survey-queries.js';

/** Everything a summary or a series is made of, per bucket start (0 for a summary). */
interface KpiParts {
  measures: Map<number, Row>;
  durations: Map<number, { bucket: number; count: number }[]>;
  workItems: Map<number, Record<string, number>>;
  surveys: Map<number, Row>;
}

/**
 * Reads the parts of every KPI for a window, in one snapshot: whole hours from the rollups
 * (kpi-rollups.ts), the partial hours at the ends from sessions, merged per bucket. The cost follows
 * the number of hours and dimension values, not the number of calls.
 */
async function kpiParts(connection: DuckDBConnection, filter: CallFilter, bucketUs: number | null): Promise<KpiParts> {
  const split = splitWindow(filter);
  const m = new SqlParams();
  const sessionMeasures = (range: TimeRange): string =>
    `SELECT ${bucketSql('start_us', bucketUs, m)} AS b, ${MEASURES_SQL} FROM sessions WHERE ${edgeWhere(filter, range, m)} GROUP BY b`;
  // Without a dimension filter, an edge's whole minutes come from the rollups per tenant and minute.
  const edgeMeasures = hasDimensionFilter(filter)
    ? sessionMeasures
    : (edge: TimeRange): string => {
        const { whole, partial } = splitRange(edge, MINUTE_US);
        const minutes = whole
          ? [`SELECT ${bucketSql('minute_us', bucketUs, m)} AS b, ${SUMMED_MEASURES_SQL} FROM kpi_tenant_minute_rollups WHERE ${edgeWhere(filter, whole, m, 'minute_us')} GROUP BY b`]
          : [];
        return [...minutes, ...partial.map(sessionMeasures)].join(UNION_ALL);
      };
  const measuresSql = windowUnion(
    split,
    () => `SELECT ${bucketSql('hour_us', bucketUs, m)} AS b, ${SUMMED_MEASURES_SQL} FROM kpi_rollups WHERE ${rollupWhere(filter, split, m)} GROUP BY b`,
    edgeMeasures,
  );
  const d = new SqlParams();
  // Without a dimension filter, the histogram per tenant and hour: a tenth of the rows (kpi-rollups.ts).
  const durationRollups = hasDimensionFilter(filter) ? 'kpi_duration_rollups' : 'kpi_tenant_duration_rollups';
  const durationsSql = windowUnion(
    split,
    () => `SELECT ${bucketSql('hour_us', bucketUs, d)} AS b, bucket, sum(handled) AS n FROM ${durationRollups} WHERE ${rollupWhere(filter, split, d)} GROUP BY ALL`,
    (edge) => `SELECT ${bucketSql('start_us', bucketUs, d)} AS b, ${BUCKET_SQL} AS bucket, count(*) AS n FROM sessions WHERE handled AND (${edgeWhere(filter, edge, d)}) GROUP BY ALL`,
  );
  const w = new SqlParams();
  const itemsSql = windowUnion(
    split,
    () => `SELECT ${bucketSql('hour_us', bucketUs, w)} AS b, type, sum(items) AS n FROM kpi_work_item_rollups WHERE ${rollupWhere(filter, split, w)} GROUP BY ALL`,
    (edge) => `SELECT ${bucketSql('session_start_us', bucketUs, w)} AS b, type, count(*) AS n FROM work_items WHERE ${edgeWhere(filter, edge, w, 'session_start_us')} GROUP BY ALL`,
  );
  const [measureRows, durationRows, itemRows, surveyRows] = await inTransaction(connection, async () => [
    await queryRows(connection, measuresSql, m),
    await queryRows(connection, durationsSql, d),
    await queryRows(connection, itemsSql, w),
    await surveyAggregates(connection, filter, bucketUs),
  ]);
  // A bucket's rows (rollups, each edge) are merged here rather than by an outer GROUP BY: DuckDB
  // plans a statement that scans a table again on every execution, and the merge's twenty sums were
  // a good part of that planning.
  const parts = emptyParts();
  for (const row of measureRows) {
    const b = num(row.b);
    const merged = parts.measures.get(b);
    parts.measures.set(b, merged ? sumRows(merged, row) : row);
  }
  for (const row of durationRows) {
    const list = parts.durations.get(num(row.b)) ?? [];
    list.push({ bucket: num(row.bucket), count: num(row.n) });
    parts.durations.set(num(row.b), list);
  }
  for (const row of itemRows) {
    const counts = parts.workItems.get(num(row.b)) ?? {};
    const type = str(row.type);
    counts[type] = (counts[type] ?? 0) + num(row.n);
    parts.workItems.set(num(row.b), counts);
  }
  // Rollup deltas of a type can cancel out (an amended call lost its ticket): such types are dropped.
  for (const [b, counts] of parts.workItems) {
    parts.workItems.set(b, Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))));
  }
  for (const row of surveyRows) parts.surveys.set(bucketUs === null ? 0 : num(row.bucket_start_us), row);
  return parts;
}

function summaryAt(parts: KpiParts, bucket: number, humanCostPerCallUsd: number | null): KpiSummary {
  return kpiSummaryOf(
    parts.measures.get(bucket) ?? {},
    parts.workItems.get(bucket) ?? {},
    humanCostPerCallUsd,
    parts.surveys.get(bucket),
    histogramQuantiles(parts.durations.get(bucket) ?? [], [0.5, 0.9]),
  );
}

export async function kpiSummary(connection: DuckDBConnection, filter: CallFilter, humanCostPerCallUsd: number | null): Promise<KpiSummary> {
  if (filter.toUs <= filter.fromUs) return summaryAt(emptyParts(), 0, humanCostPerCallUsd);
  return summaryAt(await kpiParts(connection, filter, null), 0, humanCostPerCallUsd);
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
): Promise<KpiSeriesPoint[]> {
  const { sizeUs, startsUs } = seriesBuckets(filter, bucket);
  if (startsUs.length === 0) return [];
  const parts = await kpiParts(connection, filter, sizeUs);
  return startsUs.map((start) => ({ bucketStartUs: start, kpis: summaryAt(parts, start, humanCostPerCallUsd) }));
}

/**
 * One statement over a split window: the rollups' whole hours, and each partial hour at its ends
 * as branches of their own (kpi-window-sql.ts says why), their rows merged per bucket by kpiParts.
 * A part the split does not have is not written at all: a window on whole hours (the API's day
 * windows) reads the rollups alone. Each aggregate DuckDB sets up costs time even over no rows:
 * over 1M calls the summary's measures took 10 ms with an empty sessions branch, ~4 without.
 */
function windowUnion(split: WindowSplit, rollups: () => string, edge: (range: TimeRange) => string): string {
  // Built left to right, as the statement reads: each adds its parameters in that order.
  return [...(split.hours ? [rollups()] : []), ...split.edges.map(edge)].join(UNION_ALL);
}

const UNION_ALL = '\n      UNION ALL\n      ';

/** Two rows of the same measures, summed column by column. */
function sumRows(a: Row, b: Row): Row {
  return Object.fromEntries(KPI_MEASURES.map(({ name }) => [name, num(a[name]) + num(b[name])]));
}

function emptyParts(): KpiParts {
  return { measures: new Map(), durations: new Map(), workItems: new Map(), surveys: new Map() };
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
