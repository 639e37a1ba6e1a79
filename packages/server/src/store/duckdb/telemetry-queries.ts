import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBBlobValue } from '@duckdb/node-api';
import type { LogRecordEntry, SpanRecord } from '../../model/telemetry-records.js';
import type { RawExport } from '../../model/raw-export.js';
import type { StoredSpan } from '../store.js';
import { decodeStoredLogs, decodeStoredSpans } from '../../ingest/otlp/telemetry-codec.js';
import { appendColumns } from './append-columns.js';
import { inTransaction } from './in-transaction.js';
import { exportRows } from './raw-exports.js';
import type { ExportInput, Signal } from '../export-inputs.js';
import { str, type Row } from './row-values.js';
import { SqlParams, queryRows } from './sql-params.js';
import { LOG_SELECT, ResourceReader, SPAN_SELECT, logFromRow, spanFromRow } from './telemetry-rows.js';

/*
 * Raw telemetry: export requests as BLOBs (raw-exports.ts), read back through the ingest decoders.
 * The `spans` and `logs` tables hold rows written by releases before raw exports; they are still
 * read, so an older data directory keeps its waterfalls until retention removes them.
 */

/** Appends the exports in one transaction; resolves after the durable COMMIT. Returns the next free id. */
export async function appendExports(connection: DuckDBConnection, inputs: readonly ExportInput[], firstId: number, nowUs: number): Promise<number> {
  const { rows, count } = exportRows(inputs, firstId, nowUs);
  if (count === 0) return firstId;
  await inTransaction(connection, async () => {
    await appendColumns(connection, 'raw_exports', rows.exports);
    await appendColumns(connection, 'raw_export_traces', rows.traces);
  });
  return firstId + count;
}

const COMPRESSIONS: readonly RawExport['compression'][] = ['brotli', 'deflate-raw', 'gzip', 'none'];

function compressionOf(stored: string): RawExport['compression'] {
  const known = COMPRESSIONS.find((c) => c === stored);
  if (!known) throw new Error(`a stored export has an unknown compression '${stored}'`);
  return known;
}

function rawOf(row: Row): RawExport {
  const body = row.body instanceof DuckDBBlobValue ? row.body.bytes : new Uint8Array();
  return {
    encoding: str(row.encoding) === 'protobuf' ? 'protobuf' : 'json',
    compression: compressionOf(str(row.compression)),
    body,
  };
}

async function exportsOfTrace(connection: DuckDBConnection, tenantId: string, traceId: string, signal: Signal): Promise<RawExport[]> {
  const p = new SqlParams();
  const rows = await queryRows(
    connection,
    `SELECT e.encoding, e.compression, e.body FROM raw_export_traces t JOIN raw_exports e ON e.id = t.export_id
     WHERE t.tenant_id = ${p.text(tenantId)} AND t.trace_id = ${p.text(traceId)} AND t.signal = ${p.text(signal)}
     ORDER BY e.id`,
    p,
  );
  return rows.map(rawOf);
}

const byStart = (a: SpanRecord, b: SpanRecord): number => a.startUs - b.startUs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);

/** Spans of one trace, each once (a retried export holds them twice), in start order: the order
 * the waterfall and the assembler expect. */
export async function spansOfTrace(connection: DuckDBConnection, tenantId: string, traceId: string): Promise<SpanRecord[]> {
  const seen = new Map<string, SpanRecord>();
  for (const raw of await exportsOfTrace(connection, tenantId, traceId, 'traces')) {
    for (const span of decodeStoredSpans(raw)) if (span.traceId === traceId && !seen.has(span.spanId)) seen.set(span.spanId, span);
  }
  const p = new SqlParams();
  const legacy = await queryRows(connection, `SELECT ${SPAN_SELECT} FROM spans WHERE tenant_id = ${p.text(tenantId)} AND trace_id = ${p.text(traceId)}`, p);
  const resources = new ResourceReader();
  for (const row of legacy) {
    const span = spanFromRow(row, resources);
    if (!seen.has(span.spanId)) seen.set(span.spanId, span);
  }
  return [...seen.values()].sort(byStart);
}

export async function logsOfTrace(connection: DuckDBConnection, tenantId: string, traceId: string): Promise<LogRecordEntry[]> {
  const logs: LogRecordEntry[] = [];
  for (const raw of await exportsOfTrace(connection, tenantId, traceId, 'logs')) {
    for (const log of decodeStoredLogs(raw)) if (log.traceId === traceId) logs.push(log);
  }
  const p = new SqlParams();
  const legacy = await queryRows(connection, `SELECT ${LOG_SELECT} FROM logs WHERE tenant_id = ${p.text(tenantId)} AND trace_id = ${p.text(traceId)}`, p);
  const resources = new ResourceReader();
  for (const row of legacy) logs.push(logFromRow(row, resources));
  return logs.sort((a, b) => a.timeUs - b.timeUs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0));
}

/**
 * Spans of traces seen since `sinceUs` that have no session row: the calls in flight when the
 * plane stopped. The candidates come from the recent index rows only, and sessions are probed for
 * just those trace ids, so the cost follows the recent window, not the whole history.
 */
export async function loadOpenTraces(connection: DuckDBConnection, sinceUs: number): Promise<StoredSpan[]> {
  const p = new SqlParams();
  const since = p.us(sinceUs);
  const rows = await queryRows(
    connection,
    `WITH recent AS (
       SELECT DISTINCT tenant_id, trace_id FROM raw_export_traces WHERE signal = 'traces' AND min_start_us >= ${since}
     ), closed AS (
       SELECT DISTINCT tenant_id, trace_id FROM sessions WHERE trace_id IN (SELECT trace_id FROM recent)
     ), open AS (
       SELECT tenant_id, trace_id FROM recent EXCEPT SELECT tenant_id, trace_id FROM closed
     ), wanted AS (
       SELECT DISTINCT t.export_id, t.tenant_id, t.trace_id FROM raw_export_traces t
       JOIN open o ON t.tenant_id = o.tenant_id AND t.trace_id = o.trace_id WHERE t.signal = 'traces'
     )
     SELECT w.export_id, w.tenant_id, list(w.trace_id) AS trace_ids, any_value(e.encoding) AS encoding, any_value(e.compression) AS compression, any_value(e.body) AS body
     FROM wanted w JOIN raw_exports e ON e.id = w.export_id
     GROUP BY w.export_id, w.tenant_id ORDER BY w.export_id`,
    p,
  );
  const open: StoredSpan[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const tenantId = str(row.tenant_id);
    const traces = new Set((row.trace_ids as { items: unknown[] }).items.map((t) => String(t)));
    for (const span of decodeStoredSpans(rawOf(row))) {
      const key = `${tenantId}\u0000${span.traceId}\u0000${span.spanId}`;
      if (!traces.has(span.traceId) || seen.has(key)) continue;
      seen.add(key);
      open.push({ tenantId, ...span });
    }
  }
  return [...open, ...(await legacyOpenSpans(connection, sinceUs))];
}

async function legacyOpenSpans(connection: DuckDBConnection, sinceUs: number): Promise<StoredSpan[]> {
  const p = new SqlParams();
  const since = p.us(sinceUs);
  const rows = await queryRows(
    connection,
    `WITH recent AS (SELECT DISTINCT tenant_id, trace_id FROM spans WHERE start_us >= ${since}),
          closed AS (SELECT DISTINCT tenant_id, trace_id FROM sessions WHERE trace_id IN (SELECT trace_id FROM recent)),
          open AS (SELECT tenant_id, trace_id FROM recent EXCEPT SELECT tenant_id, trace_id FROM closed)
     SELECT s.* FROM spans s JOIN open o ON s.tenant_id = o.tenant_id AND s.trace_id = o.trace_id
     WHERE s.start_us >= ${since} ORDER BY s.tenant_id, s.trace_id, s.start_us, s.span_id`,
    p,
  );
  const resources = new ResourceReader();
  return rows.map((row) => ({ tenantId: str(row.tenant_id), ...spanFromRow(row, resources) }));
}

/** Deletes raw telemetry received before `beforeUs` in one transaction; sessions are kept. Returns exports and legacy rows deleted. */
export async function pruneRawTelemetry(connection: DuckDBConnection, beforeUs: number): Promise<number> {
  return inTransaction(connection, async () => {
    const p = new SqlParams();
    const before = p.us(beforeUs);
    await connection.run(`DELETE FROM raw_export_traces WHERE export_id IN (SELECT id FROM raw_exports WHERE received_at_us < ${before})`, p.values, p.types);
    const exports = await connection.run(`DELETE FROM raw_exports WHERE received_at_us < ${before}`, p.values, p.types);
    const spans = await connection.run(`DELETE FROM spans WHERE start_us < ${before}`, p.values, p.types);
    const logs = await connection.run(`DELETE FROM logs WHERE time_us < ${before}`, p.values, p.types);
    return exports.rowsChanged + spans.rowsChanged + logs.rowsChanged;
  });
}

