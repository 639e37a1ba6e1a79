import type { DuckDBValue } from '@duckdb/node-api';
import { DuckDBListValue, DuckDBStructValue } from '@duckdb/node-api';
import type { KpiSeriesPoint, KpiSummary } from '../kpis/kpi-types.js';
import { PERCENTILE_RELATIVE_ERROR } from '../store/duckdb/duration-histogram.js';

type Row = Record<string, DuckDBValue>;

const num = (v: DuckDBValue | undefined): number | null =>
  typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null;

/** Doubles summed in a different order differ in the last bits; counts must match exactly. The
 * store reads duration percentiles from a histogram (duration-histogram.ts): they must be within its
 * documented error of the exact `quantile_cont` the hand-written SQL computes. */
function close(name: string, a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  const relative = name.endsWith('p50DurationMs') || name.endsWith('p90DurationMs') ? PERCENTILE_RELATIVE_ERROR : 1e-9;
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));
}

function workItemsOf(value: DuckDBValue | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!(value instanceof DuckDBListValue)) return out;
  for (const item of value.items) {
    if (item instanceof DuckDBStructValue) out[String(item.entries.type)] = num(item.entries.n) ?? 0;
  }
  return out;
}

/** Differences between the store's KPIs and a hand-written query's row, as readable lines. */
export function compareKpis(label: string, kpis: KpiSummary, row: Row): string[] {
  const [p50, p90] =
    row.duration_quantiles instanceof DuckDBListValue ? row.duration_quantiles.items.map(num) : [null, null];
  const pairs: [string, number | null, number | null][] = [
    ['calls', kpis.calls, num(row.calls)],
    ['handled', kpis.handled, num(row.handled)],
    ['resolved', kpis.resolved, num(row.resolved)],
    ['escalated', kpis.escalated, num(row.escalated)],
    ['abandoned', kpis.abandoned, num(row.abandoned)],
    ['failed', kpis.failed, num(row.failed)],
    ['unanswered', kpis.unanswered, num(row.unanswered)],
    ['inferredOutcomes', kpis.inferredOutcomes, num(row.inferred_outcomes)],
    ['avgDurationMs', kpis.avgDurationMs, num(row.avg_duration_ms)],
    ['p50DurationMs', kpis.p50DurationMs, p50 ?? null],
    ['p90DurationMs', kpis.p90DurationMs, p90 ?? null],
    ['connectorCalls', kpis.connectorCalls, num(row.connector_calls)],
    ['connectorSuccesses', kpis.connectorSuccesses, num(row.connector_successes)],
    ['outboundAttempts', kpis.outboundAttempts, num(row.outbound_attempts)],
    ['outboundAnswered', kpis.outboundAnswered, num(row.outbound_answered)],
    ['sentiment.positive', kpis.sentiment.positive, num(row.sentiment_positive)],
    ['sentiment.neutral', kpis.sentiment.neutral, num(row.sentiment_neutral)],
    ['sentiment.negative', kpis.sentiment.negative, num(row.sentiment_negative)],
    ['totalCostUsd', kpis.totalCostUsd, num(row.total_cost_usd)],
  ];
  const items = workItemsOf(row.work_items);
  for (const type of new Set([...Object.keys(kpis.workItems), ...Object.keys(items)])) {
    pairs.push([`workItems.${type}`, kpis.workItems[type] ?? 0, items[type] ?? 0]);
  }
  return pairs
    .filter(([name, a, b]) => !close(name, a, b))
    .map(([name, a, b]) => `${label} ${name}: store ${a}, hand-written ${b}`);
}

/** Compares every non-empty bucket of the store's series with the hand-written rows. */
export function compareSeries(points: KpiSeriesPoint[], rows: Row[]): string[] {
  const nonEmpty = points.filter((p) => p.kpis.calls > 0);
  if (nonEmpty.length !== rows.length)
    return [`series: store has ${nonEmpty.length} non-empty buckets, hand-written ${rows.length}`];
  return nonEmpty.flatMap((p, i) => {
    const start = num(rows[i].bucket_start_us);
    if (start !== p.bucketStartUs)
      return [`series bucket ${i}: store starts at ${p.bucketStartUs}, hand-written at ${start}`];
    return compareKpis(`series[${new Date(p.bucketStartUs / 1000).toISOString().slice(0, 10)}]`, p.kpis, rows[i]);
  });
}
