import type { EventEmitter } from 'node:events';
import type { CallSession } from '../model/call-session.js';
import type { PriceBookVersion } from '../cost/price-book.js';
import type { LiveCall } from '../sessions/in-flight-call.js';
import type { Store } from '../store/store.js';
import type { OtlpFormat, OtlpSignal } from './otlp-format.js';

/** What one export came to: the records kept, those already seen, those rejected and why. */
export interface ExportResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  errors: string[];
}

/** The ingest side's counters as of its last report (read by /metrics, /healthz and the live views). */
export interface IngestStatus {
  inFlight: number;
  inFlightByTenant: Map<string, number>;
  /** Spans accepted and not yet durable. */
  pendingSpans: number;
  /** Traces finished without being calls, since start. */
  notCallTraces: number;
  /** The ingest worker thread's V8 heap in use (bytes); null when ingest runs on the calling thread. */
  workerHeapBytes: number | null;
}

export interface IngestEvents {
  /** Sessions just written (first version or amendment). */
  sessions: [CallSession[]];
}

/** The store methods ingest uses: durable appends, session writes and the look-ups of assembly. */
export type IngestStore = Pick<
  Store,
  | 'appendExports'
  | 'saveSessions'
  | 'spansOfTrace'
  | 'sessionOfTrace'
  | 'logsOfTrace'
  | 'storedTraces'
  | 'loadOpenTraces'
  | 'recentCompletedTraces'
>;

/**
 * Everything between a received OTLP body and stored sessions: decode and validate, durable
 * hand-over (group commit), assembly of calls, finalisation. Two implementations: LocalIngest on
 * the thread that calls it, WorkerIngest on a worker thread of its own (the default), which
 * leaves the main thread to HTTP and DuckDB.
 */
export interface PlaneIngest extends EventEmitter<IngestEvents> {
  /**
   * Resolves once the export's records are durable (then it may be acknowledged). `gzipped`: the
   * request as it came, when it came gzip-compressed; the store keeps those bytes instead of
   * compressing `body` again.
   */
  export(tenantId: string, signal: OtlpSignal, encoding: OtlpFormat['name'], body: Uint8Array, gzipped?: Uint8Array): Promise<ExportResult>;
  liveCalls(tenantId: string, limit: number): Promise<LiveCall[]>;
  status(): IngestStatus;
  /** A tenant's price book changed: calls finalised from now on are priced with it. */
  priceBookChanged(version: PriceBookVersion): void;
  /** Writes what is queued now (tests, shutdown). */
  flush(): Promise<void>;
  /** Finalises due calls now and resolves once their sessions are written (tests drive time). */
  tick(): Promise<void>;
  sessionWritesSettled(): Promise<void>;
  /** Writes what is queued and stops; acknowledged data is already durable. */
  stop(): Promise<void>;
}
