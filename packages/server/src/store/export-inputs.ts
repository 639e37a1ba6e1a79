import type { TelemetryGroup } from './store.js';
import type { RawExport } from '../model/raw-export.js';
import { exportOfLogs, exportOfSpans } from '../ingest/otlp/telemetry-codec.js';

export type Signal = 'traces' | 'logs';

/**
 * One export request as the store appends it: the request itself and, for its index, the earliest
 * start of each trace it carries. Small next to the decoded records, so a worker thread can hand
 * it to the thread that owns the database cheaply.
 */
export interface ExportInput {
  tenantId: string;
  signal: Signal;
  raw: RawExport;
  /** trace id → earliest span start (or log time) in this request, µs. */
  traceStarts: Map<string, number>;
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

/** The exports to append for a batch. A group without its request (records the plane made, tests) is stored as OTLP/JSON. */
export function toExportInputs(groups: readonly TelemetryGroup[]): ExportInput[] {
  const out: ExportInput[] = [];
  for (const group of groups) {
    if (group.spans.length > 0) {
      out.push({
        tenantId: group.tenantId,
        signal: 'traces',
        raw: group.raw ?? exportOfSpans(group.spans),
        traceStarts: minStartByTrace(group.spans, (s) => s.startUs),
      });
    }
    // A request carries one signal; a group made without one may hold both, stored as two.
    if (group.logs.length > 0) {
      out.push({
        tenantId: group.tenantId,
        signal: 'logs',
        raw: group.raw && group.spans.length === 0 ? group.raw : exportOfLogs(group.logs),
        traceStarts: minStartByTrace(group.logs, (l) => l.timeUs),
      });
    }
  }
  return out;
}
