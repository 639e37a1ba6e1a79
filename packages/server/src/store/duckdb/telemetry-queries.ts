import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogRecordEntry, SpanRecord } from '../../model/telemetry-records.js';
import type { StoredSpan, TelemetryGroup } from '../store.js';
import { appendColumns } from './append-columns.js';
import { inTransaction } from './in-transaction.js';
import { str } from './row-values.js';
import { SqlParams, queryRows } from './sql-params.js';
import { LOG_SELECT, ResourceReader, SPAN_SELECT, logColumns, logFromRow, spanColumns, spanFromRow } from './telemetry-rows.js';

/** Appends every group's spans and logs in one transaction; resolves after the durable COMMIT. */
export async function appendTelemetry(connection: DuckDBConnection, groups: readonly TelemetryGroup[]): Promise<void> {
  const spans = spanColumns(groups);
  const logs = logColumns(groups);
  if (spans[0].length === 0 && logs[0].length === 0) return;
  await inTransaction(connection, async () => {
    await appendColumns(connection, 'spans', spans);
    await appendColumns(connection, 'logs', logs);
  });
}

/** Spans of one trace in start order; the order the waterfall and the assembler expect. */
export async function spansOfTrace(connection: DuckDBConnection, tenantId: string, traceId: string): Promise<SpanRecord[]> {
  const p = new SqlParams();
  const rows = await queryRows(
    connection,
    `SELECT ${SPAN_SELECT} FROM spans WHERE tenant_id = ${p.text(tenantId)} AND trace_id = ${p.text(traceId)}
     ORDER BY start_us, span_id`,
    p,
  );
  const resources = new ResourceReader();
  return rows.map((row) => spanFromRow(row, resources));
}

export async function logsOfTrace(connection: DuckDBConnection, tenantId: string, traceId: string): Promise<LogRecordEntry[]> {
  const p = new SqlParams();
  const rows = await queryRows(
    connection,
    `SELECT ${LOG_SELECT} FROM logs WHERE tenant_id = ${p.text(tenantId)} AND trace_id = ${p.text(traceId)}
     ORDER BY time_us, span_id`,
    p,
  );
  const resources = new ResourceReader();
  return rows.map((row) => logFromRow(row, resources));
}

/**
 * Spans that started at or after `sinceUs` and belong to a trace with no session row: the calls
 * in flight when the plane stopped. The candidate traces come from the recent spans only, and
 * sessions are probed for just those trace ids, so the cost follows the recent window, not the
 * whole history.
 */
export async function loadOpenTraces(connection: DuckDBConnection, sinceUs: number): Promise<StoredSpan[]> {
  const p = new SqlParams();
  const since = p.us(sinceUs);
  const rows = await queryRows(
    connection,
    `WITH recent AS (
       SELECT DISTINCT tenant_id, trace_id FROM spans WHERE start_us >= ${since}
     ), closed AS (
       SELECT DISTINCT tenant_id, trace_id FROM sessions WHERE trace_id IN (SELECT trace_id FROM recent)
     ), open AS (
       SELECT tenant_id, trace_id FROM recent EXCEPT SELECT tenant_id, trace_id FROM closed
     )
     SELECT s.*
     FROM spans s JOIN open o ON s.tenant_id = o.tenant_id AND s.trace_id = o.trace_id
     WHERE s.start_us >= ${since}
     ORDER BY s.tenant_id, s.trace_id, s.start_us, s.span_id`,
    p,
  );
  const resources = new ResourceReader();
  return rows.map((row) => ({ tenantId: str(row.tenant_id), ...spanFromRow(row, resources) }));
}

/** Deletes raw spans and logs older than `beforeUs` in one transaction; sessions are kept. */
export async function pruneRawTelemetry(connection: DuckDBConnection, beforeUs: number): Promise<number> {
  return inTransaction(connection, async () => {
    const p = new SqlParams();
    const before = p.us(beforeUs);
    const spans = await connection.run(`DELETE FROM spans WHERE start_us < ${before}`, p.values, p.types);
    const logs = await connection.run(`DELETE FROM logs WHERE time_us < ${before}`, p.values, p.types);
    return spans.rowsChanged + logs.rowsChanged;
  });
}
