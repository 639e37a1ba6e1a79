import type { PlaneConfig } from '../../config.js';
import type { Store } from '../../store/store.js';
import type { IngestStore, PlaneIngest } from '../plane-ingest.js';

/** What the ingest worker serves the main thread. */
export type IngestWorkerApi = Pick<
  PlaneIngest,
  'export' | 'liveCalls' | 'status' | 'priceBookChanged' | 'flush' | 'tick' | 'sessionWritesSettled' | 'stop'
>;

/** What the main thread, which owns the database, serves the ingest worker. */
export type IngestStoreApi = IngestStore & Pick<Store, 'listPriceBookVersions'>;

/** The worker's start-up data (structured clone of plain values). */
export interface IngestWorkerData {
  config: Readonly<PlaneConfig>;
  logLevel: string;
}

/** One-way notes from the worker. */
export const NOTE = {
  /** The worker restored its calls and serves (payload: null), or could not start (payload: message). */
  ready: 'ready',
  failed: 'failed',
  /** IngestStatus, after every finalisation tick. */
  status: 'status',
  /** A durable write's duration: { operation, seconds }. */
  write: 'write',
} as const;
