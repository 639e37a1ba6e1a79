import type { QueryWindow } from './fill-store.js';

/** What the query worker is asked to measure, and what it reports back over IPC. */
export interface QueryJob {
  dataDir: string;
  window: QueryWindow;
  runs: number;
  pageSize: number;
}

export interface QueryTimings {
  /** Median milliseconds; absent where the side has no such query. */
  summaryMs: number;
  seriesMs: number;
  /** Summary then daily series, one after the other: what the overview waits for. */
  overviewMs: number;
  pageMs: number;
  /** The overview through the REST API (both requests in parallel, as a browser sends them). */
  overviewHttpMs?: number;
}

export interface QueryReport {
  store: QueryTimings;
  handWritten: QueryTimings;
  /** Where the store's numbers differ from the hand-written SQL's (empty when they agree). */
  mismatches: string[];
  rssAfterOpenMb: number;
  rssAfterQueriesMb: number;
  peakRssMb: number;
  duckDbMemoryLimitMb: number;
  duckDbThreads: number;
}

export type QueryWorkerMessage = { type: 'report'; report: QueryReport } | { type: 'error'; message: string };
