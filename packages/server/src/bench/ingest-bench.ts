import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { startTestPlane } from '../e2e/test-plane.js';
import { startCpuProfile, summarizeProfile, type ProfileLine } from './cpu-profile.js';
import type { ChildMessage, IngestClientConfig, IngestClientStats, ParentMessage } from './ingest-messages.js';
import { ProcessSampler, type ProcessSample } from './process-sampler.js';
import type { PayloadSet } from './trace-payloads.js';

export interface IngestOptions {
  seconds: number;
  clients: number;
  gzip: boolean;
  /** When set, the plane's main thread is profiled during the run and the profile written here. */
  profilePath?: string;
}

export interface IngestFigure {
  gzip: boolean;
  clients: number;
  /** Acknowledged spans per second over the measured window (after the warm-up). */
  spansPerSecond: number;
  client: IngestClientStats;
  plane: ProcessSample;
  /** From the last acknowledgement until every call sent is a session counted by the KPIs. */
  drainMillis: number;
  /** The KPI summary's `calls` once drained: must equal `client.callsAcknowledged`. */
  kpiCalls: number;
  visibleInKpis: boolean;
  profile?: { frames: ProfileLine[]; areas: ProfileLine[] };
}

const TENANT = 'bench';
const GRACE_SECONDS = 1;

function once(child: ChildProcess, type: ChildMessage['type']): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage): void => {
      if (message.type === type) done(() => resolve(message));
      else if (message.type === 'error') done(() => reject(new Error(`ingest client: ${message.message}`)));
    };
    const onExit = (code: number | null): void => done(() => reject(new Error(`ingest client exited (${code}) before "${type}"`)));
    const done = (then: () => void): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      then();
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * OTLP/HTTP ingest end to end on a real plane (loopback, ephemeral port, temporary data dir,
 * grace 1 s, otherwise the production defaults): the load comes from a child process, the plane
 * runs in this one, so this process's CPU and event loop are the plane's alone. After the run,
 * waits until no call is in flight and checks the KPI summary counts every call acknowledged.
 */
export async function measureIngest(set: PayloadSet, options: IngestOptions, recordedAtMs: number): Promise<IngestFigure> {
  const plane = await startTestPlane({
    LUMAY_GRPC_PORT: '-1',
    LUMAY_GRACE_SECONDS: String(GRACE_SECONDS),
    LUMAY_FLUSH_INTERVAL_MILLIS: '20',
  });
  const child = fork(new URL('./ingest-client.js', import.meta.url), [], { serialization: 'advanced', execArgv: [] });
  try {
    const apiKey = await plane.tenantWithKey(TENANT, ['ingest', 'read']);
    const config: IngestClientConfig = {
      url: plane.httpUrl,
      apiKey,
      clients: options.clients,
      gzip: options.gzip,
      seconds: options.seconds,
      warmupSeconds: Math.min(2, options.seconds / 4),
      templates: set.payloads.map((p) => ({ protobuf: p.protobuf, traceIds: p.traceIds, spanCount: p.spanCount })),
    };
    const ready = once(child, 'ready');
    child.send({ type: 'config', config } satisfies ParentMessage);
    await ready;

    const sampler = new ProcessSampler(() => plane.assembler.inFlightCount);
    const stopProfile = options.profilePath ? await startCpuProfile() : null;
    const done = once(child, 'done');
    child.send({ type: 'go' } satisfies ParentMessage);
    const message = await done;
    if (message.type !== 'done') throw new Error('unexpected message from the ingest client');
    const profile = stopProfile ? await stopProfile() : null;
    const lastAck = performance.now();
    // CPU and event-loop figures cover the sending window; RSS also the drain after it.
    const planeSample = sampler.stop();
    await plane.settle(120_000);
    const drainMillis = performance.now() - lastAck;
    planeSample.peakRssMb = Math.max(planeSample.peakRssMb, process.memoryUsage.rss() / 2 ** 20);
    const kpis = await plane.store.kpiSummary(
      { tenantId: TENANT, fromUs: (recordedAtMs - 2 * 3_600_000) * 1000, toUs: (Date.now() + 3_600_000) * 1000 },
      null,
    );
    if (profile && options.profilePath) writeFileSync(options.profilePath, JSON.stringify(profile));
    const stats = message.stats;
    return {
      gzip: options.gzip,
      clients: options.clients,
      spansPerSecond: stats.windowSpans / stats.windowSeconds,
      client: stats,
      plane: planeSample,
      drainMillis,
      kpiCalls: kpis.calls,
      visibleInKpis: kpis.calls === stats.callsAcknowledged,
      ...(profile ? { profile: summarizeProfile(profile) } : {}),
    };
  } finally {
    if (child.exitCode === null) child.kill();
    await plane.destroy();
  }
}
