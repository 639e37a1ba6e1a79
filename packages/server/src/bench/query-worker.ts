/**
 * Measures the console's queries over a filled store in a fresh process, so its RSS is that of a
 * plane holding the store and nothing else. First through a real plane (its Store and REST API),
 * then, with the plane closed, the hand-written SQL on a DuckDB instance with the same memory
 * limit and threads. Both sides warm up before their measured runs.
 */
import { join } from 'node:path';
import { BIGINT, DuckDBInstance, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { startTestPlane } from '../e2e/test-plane.js';
import { DATABASE_FILE } from '../store/duckdb/open-duckdb-store.js';
import { compareKpis, compareSeries } from './compare-kpis.js';
import { HAND_CALL_PAGE_SQL, HAND_SERIES_SQL, HAND_TILES_SQL } from './hand-written-kpi-sql.js';
import { ProcessSampler } from './process-sampler.js';
import type { QueryJob, QueryReport, QueryTimings, QueryWorkerMessage } from './query-messages.js';
import { timeRuns } from './stats.js';

const DAY_US = 86_400_000_000;
const HUMAN_COST_PER_CALL_USD = 4;
const mb = (bytes: number): number => bytes / 2 ** 20;

async function measureStore(job: QueryJob) {
  const plane = await startTestPlane({ LUMAY_DATA_DIR: job.dataDir, LUMAY_GRPC_PORT: '-1' });
  try {
    const rssAfterOpenMb = mb(process.memoryUsage.rss());
    const sampler = new ProcessSampler();
    const filter = job.window;
    const key = await plane.tenantWithKey(filter.tenantId, ['read'], HUMAN_COST_PER_CALL_USD);
    const summary = await timeRuns(() => plane.store.kpiSummary(filter, HUMAN_COST_PER_CALL_USD), job.runs);
    const series = await timeRuns(() => plane.store.kpiSeries(filter, 'day', HUMAN_COST_PER_CALL_USD), job.runs);
    const overview = await timeRuns(async () => {
      await plane.store.kpiSummary(filter, HUMAN_COST_PER_CALL_USD);
      await plane.store.kpiSeries(filter, 'day', HUMAN_COST_PER_CALL_USD);
    }, job.runs);
    const window = `from=${filter.fromUs / 1000}&to=${filter.toUs / 1000}`;
    const overviewHttp = await timeRuns(
      () => Promise.all([plane.get(`/api/v1/kpis/summary?${window}`, key), plane.get(`/api/v1/kpis/series?${window}&bucket=day`, key)]),
      job.runs,
    );
    for (const reply of overviewHttp.result) if (reply.status !== 200) throw new Error(`the KPI API answered ${reply.status}`);
    const page = await timeRuns(() => plane.store.listCalls({ ...filter, limit: job.pageSize }), job.runs);
    const sample = sampler.stop();
    const timings: QueryTimings = {
      summaryMs: summary.medianMs,
      seriesMs: series.medianMs,
      overviewMs: overview.medianMs,
      pageMs: page.medianMs,
      overviewHttpMs: overviewHttp.medianMs,
    };
    return {
      timings,
      summary: summary.result,
      series: series.result,
      pageTraceIds: page.result.items.map((i) => i.traceId),
      rssAfterOpenMb,
      rssAfterQueriesMb: mb(process.memoryUsage.rss()),
      peakRssMb: sample.peakRssMb,
      duckDbMemoryLimitMb: plane.config.duckDbMemoryLimitMb,
      duckDbThreads: plane.config.duckDbThreads,
    };
  } finally {
    await plane.destroy();
  }
}

async function rows(c: DuckDBConnection, sql: string, values: DuckDBValue[], types: DuckDBType[]) {
  return (await c.runAndReadAll(sql, values, types)).getRowObjects();
}

async function measureHandWritten(job: QueryJob, memoryLimitMb: number, threads: number) {
  const instance = await DuckDBInstance.create(join(job.dataDir, DATABASE_FILE), {
    memory_limit: `${memoryLimitMb}MB`,
    threads: String(threads),
  });
  const c = await instance.connect();
  try {
    const { tenantId, fromUs, toUs } = job.window;
    const window: DuckDBValue[] = [tenantId, BigInt(fromUs), BigInt(toUs)];
    const types = [VARCHAR, BIGINT, BIGINT];
    const tiles = () => rows(c, HAND_TILES_SQL, window, types);
    const series = () => rows(c, HAND_SERIES_SQL, [...window, BigInt(DAY_US)], [...types, BIGINT]);
    const page = () => rows(c, HAND_CALL_PAGE_SQL, [...window, job.pageSize], [...types, INTEGER]);
    const tilesTimed = await timeRuns(tiles, job.runs);
    const seriesTimed = await timeRuns(series, job.runs);
    const overview = await timeRuns(async () => [await tiles(), await series()], job.runs);
    const pageTimed = await timeRuns(page, job.runs);
    const timings: QueryTimings = {
      summaryMs: tilesTimed.medianMs,
      seriesMs: seriesTimed.medianMs,
      overviewMs: overview.medianMs,
      pageMs: pageTimed.medianMs,
    };
    return { timings, tiles: tilesTimed.result[0], series: seriesTimed.result, page: pageTimed.result };
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

async function run(job: QueryJob): Promise<QueryReport> {
  const store = await measureStore(job);
  const hand = await measureHandWritten(job, store.duckDbMemoryLimitMb, store.duckDbThreads);
  const mismatches = [...compareKpis('summary', store.summary, hand.tiles ?? {}), ...compareSeries(store.series, hand.series)];
  const handPage = hand.page.map((r) => String(r.trace_id));
  if (handPage.join() !== store.pageTraceIds.join()) mismatches.push('call list: the pages differ');
  return {
    store: store.timings,
    handWritten: hand.timings,
    mismatches,
    rssAfterOpenMb: store.rssAfterOpenMb,
    rssAfterQueriesMb: store.rssAfterQueriesMb,
    peakRssMb: store.peakRssMb,
    duckDbMemoryLimitMb: store.duckDbMemoryLimitMb,
    duckDbThreads: store.duckDbThreads,
  };
}

process.once('message', (job: QueryJob) => {
  run(job).then(
    (report) => process.send?.({ type: 'report', report } satisfies QueryWorkerMessage, () => process.disconnect()),
    (error: unknown) => process.send?.({ type: 'error', message: String(error) } satisfies QueryWorkerMessage, () => process.disconnect()),
  );
});
