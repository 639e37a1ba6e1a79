import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { blobValue } from '@duckdb/node-api';
import type { ExportInput } from '../export-inputs.js';
import { toBigInt } from './row-values.js';

/*
 * Raw telemetry is kept as the export requests that carried it — one BLOB row per request — plus
 * one index row per (request, trace) it touched. Appending a request is a single value copy
 * instead of a row per span with its attributes as text: the hot path of a durable ingest. The
 * records are decoded again, with the ingest decoders, when a call's spans are read (waterfall,
 * rebuild after late spans, restart), which is rare next to writing them.
 */

export interface ExportRows {
  exports: DuckDBValue[][];
  traces: DuckDBValue[][];
}

/** The rows of `raw_exports` and `raw_export_traces` for a batch of exports, in table column order. */
export function exportRows(inputs: readonly ExportInput[], firstId: number, receivedAtUs: number): { rows: ExportRows; count: number } {
  const exports: DuckDBValue[][] = Array.from({ length: 8 }, () => []);
  const traces: DuckDBValue[][] = Array.from({ length: 5 }, () => []);
  let id = firstId;
  for (const { tenantId, signal, raw, traceStarts } of inputs) {
    let min = Number.MAX_SAFE_INTEGER;
    for (const start of traceStarts.values()) min = Math.min(min, start);
    if (traceStarts.size === 0) min = receivedAtUs;
    const row = [toBigInt(id), tenantId, signal, raw.encoding, raw.compression, toBigInt(receivedAtUs), toBigInt(min), blobValue(raw.body)];
    row.forEach((value, c) => exports[c].push(value));
    for (const [traceId, start] of traceStarts) {
      traces[0].push(tenantId);
      traces[1].push(traceId);
      traces[2].push(toBigInt(id));
      traces[3].push(signal);
      traces[4].push(toBigInt(start));
    }
    id++;
  }
  return { rows: { exports, traces }, count: id - firstId };
}

/** The next free export id (ids only need to be unique; the writer assigns them in order). */
export async function nextExportId(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll('SELECT coalesce(max(id), 0) + 1 AS next FROM raw_exports');
  return Number(reader.getRowObjects()[0]?.next ?? 1);
}
