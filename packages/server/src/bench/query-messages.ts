import type { QueryWindow } from './fill-store.js';

/** What the query worker is asked to measure, and what it reports back over IPC. */
export interface QueryJob {
  dataDir: string;
  window: QueryWindow;
  runs: number;
  pageSize: number;
  /** Calls to put in flight for the RSS figure (DESIGN.md: 10,000). */
  inFlightCalls: number;
}

/** Median milliseconds of each query of the console's overview and call list. */
export interface QueryTimings {
  summaryMs: number;
  seriesMs: number;
  /** Summary then daily series, one after the other: what the overview waits for. */
  overviewMs: number;
  /**
   * The store's overview with nothing kept (kpi-period-cache.ts forgotten before each run): what it
   * costs after a restart or once writes touched every period. Absent for the hand-written SQL and
   * in results written before the store kept periods.
   */
  overviewColdMs?: number;
  pageMs: number;
}

export interface QueryReport {
  /** The store's queries and the hand-written SQL, alternated run by run on one DuckDB instance. */
  store: QueryTimings;
  handWritten: QueryTimings;
  /** Where the store's numbers differ from the hand-written SQL's (empty when they agree). */
  mismatches: string[];
  /** The same overview on a running plane: through its Store, and through the REST API (both requests in parallel). */
  planeOverviewMs: number;
  /**
   * The same overview over the console's own window: the last 30 days up to the next whole minute,
   * so its ends are partial hours (the store's figures above use whole days). Since the store keeps
   * periods (kpi-period-cache.ts), a call is written before each run, as on a live tenant.
   */
  planeConsoleOverviewMs: number;
  /** The same with nothing kept before each run (see QueryTimings.overviewColdMs); absent in older results. */
  planeConsoleOverviewColdMs?: number;
  restOverviewMs: number;
  /**
   * The console's overview page as it loads, through the REST API: the console window's summary,
   * the previous 30 days' summary (the tiles' changes) and the daily series, in one request.
   * Optional: results written before it was measured lack it. A call is written before each run.
   */
  restConsoleOverviewMs?: number;
  rssAfterOpenMb: number;
  rssAfterQueriesMb: number;
  peakRssMb: number;
  /** Calls put in flight after the queries (spans without their roots), and the plane's peak RSS and V8 heaps (main thread, ingest worker) meanwhile, the overview asked again. */
  inFlightCalls: number;
  peakRssWithInFlightMb: number;
  peakHeapWithInFlightMb: number;
  peakWorkerHeapWithInFlightMb: number | null;
  duckDbMemoryLimitMb: number;
  duckDbThreads: number;
}

export type QueryWorkerMessage = { type: 'report'; report: QueryReport } | { type: 'error'; message: string };
