/**
 * Measures the console's queries over a filled store in a fresh process. First a real plane
 * opens the store: its RSS, and the overview through its Store and its REST API. Then, with the
 * plane closed, the store's queries and the hand-written SQL run alternately on one DuckDB
 * instance with the plane's memory limit and threads, so both see the same caches.
 */
import { join } from 'node:path';
import {
  BIGINT,
  DuckDBInstance,
  INTEGER,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { startTestPlane } from '../e2e/test-plane.js';
import { DuckDbConnections } from '../store/duckdb/duckdb-connections.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../store/duckdb/open-duckdb-store.js';
import { makeSession } from '../store/duckdb/make-session.js';
import { compareKpis, compareSeries } from './compare-kpis.js';
import { HAND_CALL_PAGE_SQL, HAND_SERIES_SQL, HAND_TILES_SQL } from './hand-written-kpi-sql.js';
import { ProcessSampler } from './process-sampler.js';
import { putCallsInFlight } from './in-flight-load.js';
import { benchPlaneEnv } from './bench-plane-env.js';
import type { QueryJob, QueryReport, QueryWorkerMessage } from './query-messages.js';
import { timeInterleaved, timeRuns } from './stats.js';

const DAY_US = 86_400_000_000;
const HUMAN_COST_PER_CALL_USD = 4;
const mb = (bytes: number): number => bytes / 2 ** 20;

async function measurePlane(job: QueryJob) {
  const plane = await startTestPlane({ ...benchPlaneEnv(), LUMAY_DATA_DIR: job.dataDir, LUMAY_GRPC_PORT: '-1' });
  try {
    const rssAfterOpenMb = mb(process.memoryUsage.rss());
    const sampler = new ProcessSampler();
    const filter = job.window;
    const key = await plane.tenantWithKey(filter.tenantId, ['read'], HUMAN_COST_PER_CALL_USD);
    const overview = await timeRuns(async () => {
      await plane.store.kpiSummary(filter, HUMAN_COST_PER_CALL_USD);
      await plane.store.kpiSeries(filter, 'day', HUMAN_COST_PER_CALL_USD);
    }, job.runs);
    const consoleToUs = Math.ceil(Date.now() / 60_000) * 60_000 * 1000;
    const consoleWindow = { tenantId: filter.tenantId, fromUs: consoleToUs - 30 * DAY_US, toUs: consoleToUs };
    const consoleReads = async (): Promise<void> => {
      await plane.store.kpiSummary(consoleWindow, HUMAN_COST_PER_CALL_USD);
      await plane.store.kpiSeries(consoleWindow, 'day', HUMAN_COST_PER_CALL_USD);
    };
    // As the console sees it on a live tenant: a call that started a minute and a half ago is
    // written before each run (untimed), so the minutes and the hour it touched are read again
    // (kpi-period-cache.ts); the rest of the window stays kept.
    const writeLiveCall = async (): Promise<void> => {
      const startUs = Date.now() * 1000 - 90_000_000;
      await plane.store.saveSessions([makeSession({ tenantId: filter.tenantId, startUs, endUs: startUs + 60_000_000 })], { exactRevisions: true });
    };
    const consoleOverview = await timeRuns(consoleReads, job.runs, 2, writeLiveCall);
    // Nothing kept: what it costs after a restart, or once writes touched every period of the window.
    const store = plane.store;
    if (!(store instanceof DuckDbStore)) throw new Error('the plane does not run on the embedded store');
    const consoleOverviewCold = await timeRuns(consoleReads, job.runs, 2, () => store.forgetKeptPeriods());
    const window = `from=${filter.fromUs / 1000}&to=${filter.toUs / 1000}`;
    const rest = await timeRuns(
      () =>
        Promise.all([
          plane.get(`/api/v1/kpis/summary?${window}`, key),
          plane.get(`/api/v1/kpis/series?${window}&bucket=day`, key),
        ]),
      job.runs,
    );
    for (const reply of rest.result) if (reply.status !== 200) throw new Error(`the KPI API answered ${reply.status}`);
    // What the console's overview page asks when it loads (console/app/src/lib/kpi-window.ts): the
    // window's summary, the previous window's (the tiles' changes) and the daily series, in one request.
    const ms = (us: number): number => us / 1000;
    const consoleRequests = [`/api/v1/kpis/overview?from=${ms(consoleWindow.fromUs)}&to=${ms(consoleWindow.toUs)}&bucket=day`];
    const restConsole = await timeRuns(() => Promise.all(consoleRequests.map((path) => plane.get(path, key))), job.runs, 2, writeLiveCall);
    for (const reply of restConsole.result) if (reply.status !== 200) throw new Error(`the KPI API answered ${reply.status}`);
    await plane.store.listCalls({ ...filter, limit: job.pageSize });
    const afterQueries = sampler.stop();
    const rssAfterQueriesMb = mb(process.memoryUsage.rss());
    // The target's other half: the same store with calls in flight, and the overview asked again.
    const flightSampler = new ProcessSampler(() => plane.ingest.status());
    const inFlightCalls = await putCallsInFlight(plane, filter.tenantId, job.inFlightCalls);
    await plane.ingest.flush();
    for (let i = 0; i < 3; i++) {
      await Promise.all([
        plane.get(`/api/v1/kpis/summary?${window}`, key),
        plane.get(`/api/v1/kpis/series?${window}&bucket=day`, key),
      ]);
    }
    const withInFlight = flightSampler.stop();
    return {
      planeOverviewMs: overview.medianMs,
      planeConsoleOverviewMs: consoleOverview.medianMs,
      planeConsoleOverviewColdMs: consoleOverviewCold.medianMs,
      restOverviewMs: rest.medianMs,
      restConsoleOverviewMs: restConsole.medianMs,
      rssAfterOpenMb,
      rssAfterQueriesMb,
      peakRssMb: afterQueries.peakRssMb,
      inFlightCalls,
      peakRssWithInFlightMb: Math.max(withInFlight.peakRssMb, mb(process.memoryUsage.rss())),
      peakHeapWithInFlightMb: withInFlight.peakHeapUsedMb,
      peakWorkerHeapWithInFlightMb: withInFlight.peakWorkerHeapMb,
      duckDbMemoryLimitMb: plane.config.duckDbMemoryLimitMb,
      duckDbThreads: plane.config.duckDbThreads,
      maxCallUs: plane.config.maxCallSeconds * 1e6,
    };
  } finally {
    await plane.destroy();
  }
}

async function rows(c: DuckDBConnection, sql: string, values: DuckDBValue[], types: DuckDBType[]) {
  return (await c.runAndReadAll(sql, values, types)).getRowObjects();
}

async function compareOnOneInstance(job: QueryJob, plane: Awaited<ReturnType<typeof measurePlane>>) {
  const instance = await DuckDBInstance.create(join(job.dataDir, DATABASE_FILE), {
    memory_limit: `${plane.duckDbMemoryLimitMb}MB`,
    threads: String(plane.duckDbThreads),
  });
  // The plane's Store class over the plane's connection layout (one writer, two readers).
  const store = new DuckDbStore(await DuckDbConnections.open(instance, 2), plane.maxCallUs, 1); // read-only here
  const c = await instance.connect();
  try {
    const filter = job.window;
    const window: DuckDBValue[] = [filter.tenantId, BigInt(filter.fromUs), BigInt(filter.toUs)];
    const types = [VARCHAR, BIGINT, BIGINT];
    const tiles = () => rows(c, HAND_TILES_SQL, window, types);
    const series = () => rows(c, HAND_SERIES_SQL, [...window, BigInt(DAY_US)], [...types, BIGINT]);
    const summary = () => store.kpiSummary(filter, HUMAN_COST_PER_CALL_USD);
    const daily = () => store.kpiSeries(filter, 'day', HUMAN_COST_PER_CALL_USD);
    const [storeSummary, handTiles] = await timeInterleaved(summary, tiles, job.runs);
    const [storeSeries, handSeries] = await timeInterleaved(daily, series, job.runs);
    const [storeOverview, handOverview] = await timeInterleaved(
      async () => [await summary(), await daily()],
      async () => [await tiles(), await series()],
      job.runs,
    );
    // Nothing kept: every period read, as the hand-written SQL reads everything each time.
    const storeOverviewCold = await timeRuns(async () => [await summary(), await daily()], job.runs, 2, () => store.forgetKeptPeriods());
    const [storePage, handPage] = await timeInterleaved(
      () => store.listCalls({ ...filter, limit: job.pageSize }),
      () => rows(c, HAND_CALL_PAGE_SQL, [...window, job.pageSize], [...types, INTEGER]),
      job.runs,
    );
    const mismatches = [
      ...compareKpis('summary', storeSummary.result, handTiles.result[0] ?? {}),
      ...compareSeries(storeSeries.result, handSeries.result),
    ];
    const pageIds = (ids: unknown[]): string => ids.map(String).join();
    if (pageIds(storePage.result.items.map((i) => i.traceId)) !== pageIds(handPage.result.map((r) => r.trace_id))) {
      mismatches.push('call list: the pages differ');
    }
    return {
      store: {
        summaryMs: storeSummary.medianMs,
        seriesMs: storeSeries.medianMs,
        overviewMs: storeOverview.medianMs,
        overviewColdMs: storeOverviewCold.medianMs,
        pageMs: storePage.medianMs,
      },
      handWritten: {
        summaryMs: handTiles.medianMs,
        seriesMs: handSeries.medianMs,
        overviewMs: handOverview.medianMs,
        pageMs: handPage.medianMs,
      },
      mismatches,
    };
  } finally {
    c.closeSync();
    await store.close();
  }
}

async function run(job: QueryJob): Promise<QueryReport> {
  const plane = await measurePlane(job);
  const comparison = await compareOnOneInstance(job, plane);
  const { maxCallUs: _maxCallUs, ...planeFigures } = plane;
  return { ...comparison, ...planeFigures };
}

process.once('message', (job: QueryJob) => {
  run(job).then(
    (report) => process.send?.({ type: 'report', report } satisfies QueryWorkerMessage, () => process.disconnect()),
    (error: unknown) =>
      process.send?.(
        {
          type: 'error',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies QueryWorkerMessage,
        () => process.disconnect(),
      ),
  );
});
