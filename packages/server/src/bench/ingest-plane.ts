/**
 * The plane of the ingest benchmark, in a process of its own so its CPU, event loop and RSS are
 * the plane's alone (not the bench's, nor the load generator's). Driven over IPC by ingest-bench.ts.
 */
import { writeFileSync } from 'node:fs';
import { startTestPlane, type TestPlane } from '../e2e/test-plane.js';
import { profileFileOf, startCpuProfiles, summarizeProfile, type ThreadProfile } from './cpu-profile.js';
import type { FromPlane, PlaneMeasurement, ToPlane } from './ingest-messages.js';
import { ProcessSampler } from './process-sampler.js';
import { benchPlaneEnv } from './bench-plane-env.js';

const BENCH_TENANT = 'bench';

let plane: TestPlane | null = null;
let sampler: ProcessSampler | null = null;
let stopProfile: (() => Promise<ThreadProfile[]>) | null = null;
let profilePath: string | undefined;
let rssIdleMb = 0;

function send(message: FromPlane): void {
  process.send?.(message);
}

async function stop(running: TestPlane, recordedAtMs: number): Promise<PlaneMeasurement> {
  const stoppedAt = performance.now();
  const profiles = stopProfile ? await stopProfile() : null;
  // CPU and event-loop figures cover the sending window; RSS also the drain after it.
  const sample = (sampler ?? new ProcessSampler()).stop();
  await running.settle(120_000);
  const drainMillis = performance.now() - stoppedAt;
  sample.peakRssMb = Math.max(sample.peakRssMb, process.memoryUsage.rss() / 2 ** 20);
  const kpis = await running.store.kpiSummary(
    { tenantId: BENCH_TENANT, fromUs: (recordedAtMs - 2 * 3_600_000) * 1000, toUs: (Date.now() + 3_600_000) * 1000 },
    null,
  );
  if (profiles && profilePath) {
    for (const p of profiles) writeFileSync(profileFileOf(profilePath, p.thread), JSON.stringify(p.profile));
  }
  return {
    sample,
    rssIdleMb,
    drainMillis,
    kpiCalls: kpis.calls,
    ...(profiles ? { profiles: profiles.map((p) => ({ thread: p.thread, ...summarizeProfile(p.profile) })) } : {}),
  };
}

async function handle(message: ToPlane): Promise<void> {
  if (message.type === 'start') {
    plane = await startTestPlane({ ...message.env, ...benchPlaneEnv() });
    const apiKey = await plane.tenantWithKey(BENCH_TENANT, ['ingest', 'read']);
    rssIdleMb = process.memoryUsage.rss() / 2 ** 20;
    send({ type: 'started', url: plane.httpUrl, apiKey });
  } else if (message.type === 'measure' && plane) {
    const running = plane;
    const storeBytes = async (): Promise<number> => (await running.store.memoryUsage()).reduce((sum, row) => sum + row.bytes, 0);
    sampler = new ProcessSampler(() => running.ingest.status(), 100, storeBytes);
    profilePath = message.profilePath;
    if (profilePath) stopProfile = await startCpuProfiles();
    send({ type: 'measuring' });
  } else if (message.type === 'stop' && plane) {
    const measurement = await stop(plane, message.recordedAtMs);
    await plane.destroy();
    send({ type: 'stopped', measurement });
    process.disconnect();
  }
}

process.on('message', (message: ToPlane) => {
  handle(message).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.disconnect();
  });
});
