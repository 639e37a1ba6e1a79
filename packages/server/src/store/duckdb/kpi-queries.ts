import type { DuckDBConnection } from '@duckdb/node-api';
import type { Bucket, CallFilter, ConnectorStats, KpiSeriesPoint, KpiSummary } from '../../kpis/kpi-types.js';
import { callFilterSql } from './call-filter-sql.js';
import { seriesBuckets } from './series-buckets.js';
import { inTransaction } from './in-transaction.js';
import { KPI_AGGREGATES_SQL, kpiSummaryOf } from './kpi-aggregates.js';
import { surveyAggregates } from './survey-queries.js';
import { listItems, num, numOrNull, str } from './row-values.js';
import { SqlParams, queryRows } from './sql-params.js';

export { MAX_SERIES_BUCKETS } from './series-buckets.js';

/** Both statements of a KPI answer run in one transaction, so they read the same snapshot. */
export async function kpiSummary(
  connection: DuckDBConnection,
  filter: CallFilter,
  humanCostPerCallUsd: number | null,
): Promise<KpiSummary> {
  const p = new SqlParams();
  const w = new SqlParams();
  const [[aggregates], items, [surveys]] = await inTransaction(connection, async () => [
    await queryRows(connection, `SELECT ${KPI_AGGREGATES_SQL} FROM sessions WHERE ${callFilterSql(filter, p)}`, p),
    await queryRows(
      connection,
      `SELECT type, count(*) AS n FROM work_items WHERE ${callFilterSql(filter, w, 'session_start_us')} GROUP BY type ORDER BY type`,
      w,
    ),
    await surveyAggregates(connection, filter, null),
  ]);
  const workItems: Record<string, number> = {};
  for (const item of items) workItems[str(item.type)] = num(item.n);
  return kpiSummaryOf(aggregates ?? {}, workItems, humanCostPerCallUsd, surveys);
}

/**
 * Every KPI per UTC hour or day of session start: one GROUP BY over sessions and one over work
 * items, whatever the number of buckets. Buckets are Unix-epoch aligned (`start // size * size`,
 * exact on BIGINT µs). Every bucket from the one holding `fromUs` to the last starting before
 * `toUs` is returned, empty ones with zero counts and null rates, so a chart has no gaps.
 */
export async function kpiSeries(
  connection: DuckDBConnection,
  filter: CallFilter,
  bucket: Bucket,
  humanCostPerCallUsd: number | null,
): Promise<KpiSeriesPoint[]> {
  const { sizeUs: size, startsUs } = seriesBuckets(filter, bucket);
  if (startsUs.length === 0) return [];
  const p = new SqlParams();
  const sizeParam = p.us(size);
  const w = new SqlParams();
  const wSize = w.us(size);
  const [aggregates, items, surveys] = await inTransaction(connection, async () => [
    await queryRows(
      connection,
      `SELECT (start_us // ${sizeParam}) * ${sizeParam} AS bucket_start_us, ${KPI_AGGREGATES_SQL}
       FROM sessions WHERE ${callFilterSql(filter, p)} GROUP BY bucket_start_us`,
      p,
    ),
    await queryRows(
      connection,
      `SELECT (session_start_us // ${wSize}) * ${wSize} AS bucket_start_us, type, count(*) AS n
       FROM work_items WHERE ${callFilterSql(filter, w, 'session_start_us')} GROUP BY ALL ORDER BY type`,
      w,
    ),
    await surveyAggregates(connection, filter, size),
  ]);
  const surveysByBucket = new Map(surveys.map((row) => [num(row.bucket_start_us), row]));
  const aggregatesByBucket = new Map(aggregates.map((row) => [num(row.bucket_start_us), row]));
  const itemsByBucket = new Map<number, Record<string, number>>();
  for (const item of items) {
    const start = num(item.bucket_start_us);
    const counts = itemsByBucket.get(start) ?? {};
    counts[str(item.type)] = num(item.n);
    itemsByBucket.set(start, counts);
  }
  return startsUs.map((start) => ({
    bucketStartUs: start,
    kpis: kpiSummaryOf(aggregatesByBucket.get(start) ?? {}, itemsByBucket.get(start) ?? {}, humanCostPerCallUsd, surveysByBucket.get(start)),
  }));
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
