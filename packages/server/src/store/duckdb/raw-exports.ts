import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { blobValue } from '@duckdb/node-api';
import type { RawExport } from '../../model/raw-export.js';
import type { TelemetryGroup } from '../store.js';
import { exportOfLogs, exportOfSpans } from '../../ingest/otlp/telemetry-codec.js';
import { toBigInt } from './row-values.js';

/*
 * Raw telemetry is kept as the export requests that carried it — one BLOB row per request — plus
 * one index row per (request, trace) it touched. Appending a request is a single value copy
 * instead of a row per span with its attributes as text: the hot path of a durable ingest. The
 * records are decoded again, with the ingest decoders, when a call's spans are read (waterfall,
 * rebuild after late spans, restart), which is rare next to writing them.
 */

export type Signal = 'traces' | 'logs';

export interface ExportRows {
  exports: DuckDBValue[][];
  traces: DuckDBValue[][];
}

interface Timed {
  traceId: string;
}

function minStartByTrace<T extends Timed>(records: readonly T[], startOf: (r: T) => number): Map<string, number> {
  const starts = new Map<string, number>();
  for (const r of records) {
    if (r.traceId === '') continue;
    const start = startOf(r);
    const seen = starts.get(r.traceId);
    if (seen === undefined || start < seen) starts.set(r.traceId, start);
  }
  return starts;
}

/**
 * The rows of `raw_exports` and `raw_export_traces` for a batch, in table column order. A group
 * without its request (records the plane made, tests) is stored as OTLP/JSON.
 */
export function exportRows(groups: readonly TelemetryGroup[], firstId: number, receivedAtUs: number): { rows: ExportRows; count: number } {
  const exports: DuckDBValue[][] = Array.from({ length: 8 }, () => []);
  const traces: DuckDBValue[][] = Array.from({ length: 5 }, () => []);
  let id = firstId;
  const add = (tenantId: string, signal: Signal, raw: RawExport, starts: Map<string, number>): void => {
    let min = Number.MAX_SAFE_INTEGER;
    for (const start of starts.values()) min = Math.min(min, start);
    if (starts.size === 0) min = receivedAtUs;
    const row = [toBigInt(id), tenantId, signal, raw.encoding, raw.compression, toBigInt(receivedAtUs), toBigInt(min), blobValue(raw.body)];
    row.forEach((value, c) => exports[c].push(value));
    for (const [traceId, start] of starts) {
      traces[0].push(tenantId);
      traces[1].push(traceId);
      traces[2].push(toBigInt(id));
      traces[3].push(signal);
      traces[4].push(toBigInt(start));
    }
    id++;
  };
  for (const group of groups) {
    if (group.spans.length > 0) add(group.tenantId, 'traces', group.raw ?? exportOfSpans(group.spans), minStartByTrace(group.spans, (s) => s.startUs));
    // A request carries one signal; a group made without one may hold both, stored as two.
    if (group.logs.length > 0) {
      const raw = group.raw && group.spans.length === 0 ? group.raw : exportOfLogs(group.logs);
      add(group.tenantId, 'logs', raw, minStartByTrace(group.logs, (l) => l.timeUs));
    }
  }
  return { rows: { exports, traces }, count: id - firstId };
}

/** The next free export id (ids only need to be unique; the writer assigns them in order). */
export async function nextExportId(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll('SELECT coalesce(max(id), 0) + 1 AS next FROM raw_exports');
  return Number(reader.getRowObjects()[0]?.next ?? 1);
}
