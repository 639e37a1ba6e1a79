import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseMb, fillStore, lastThirtyDays, type FillFigure } from './fill-store.js';
import type { QueryJob, QueryReport, QueryWorkerMessage } from './query-messages.js';

export interface QueryFigure extends QueryReport {
  fill: FillFigure;
}

/** The RSS target's calls in flight (DESIGN.md). */
const IN_FLIGHT_CALLS = 10_000;
const PAGE_SIZE = 50;

function runWorker(job: QueryJob): Promise<QueryReport> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./query-worker.js', import.meta.url), [], { execArgv: [] });
    let settled = false;
    child.once('message', (message: QueryWorkerMessage) => {
      settled = true;
      if (message.type === 'report') resolve(message.report);
      else reject(new Error(`query worker: ${message.message}`));
    });
    child.once('exit', (code) => settled || reject(new Error(`query worker exited (${code}) without a report`)));
    child.send(job);
  });
}

/**
 * The console's queries over `calls` stored calls of one tenant in the last 30 days: fills a
 * fresh store with SQL, then measures in a child process (see query-worker.ts). The store is
 * deleted afterwards.
 */
export async function measureQueries(calls: number, runs: number, log: (line: string) => void): Promise<QueryFigure> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lumay-bench-store-'));
  try {
    const window = lastThirtyDays('bench');
    log(`filling a store with ${calls.toLocaleString('en')} calls…`);
    const fill = await fillStore(dataDir, calls, window, log);
    fill.databaseMb = databaseMb(dataDir);
    log(`  measuring queries (${runs} runs each after warm-up)…`);
    const report = await runWorker({ dataDir, window, runs, pageSize: PAGE_SIZE, inFlightCalls: IN_FLIGHT_CALLS });
    return { ...report, fill };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
