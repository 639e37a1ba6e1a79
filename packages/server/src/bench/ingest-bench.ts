import { fork, type ChildProcess } from 'node:child_process';
import type {
  ChildMessage,
  FromPlane,
  IngestClientConfig,
  IngestClientStats,
  ParentMessage,
  PlaneMeasurement,
  ToPlane,
} from './ingest-messages.js';
import type { PayloadSet } from './trace-payloads.js';

export interface IngestOptions {
  seconds: number;
  clients: number;
  gzip: boolean;
  /** When set, the plane's main thread is profiled during the run and the profile written here. */
  profilePath?: string;
}

export interface IngestFigure extends PlaneMeasurement {
  gzip: boolean;
  clients: number;
  /** Acknowledged spans per second over the measured window (after the warm-up). */
  spansPerSecond: number;
  client: IngestClientStats;
  /** The KPI summary's `calls` once drained equals `client.callsAcknowledged`. */
  visibleInKpis: boolean;
  /**
   * protobufjs decode-only on the same payloads, measured just before and just after this run
   * (the mean of the two): the ratio's denominator, taken as close in time as the run allows,
   * since this kind of VM drifts by up to 2× within minutes.
   */
  protobufjsSpansPerSecond: number;
  /** Which round of the ingest section this run belongs to (runs alternate gzip off and on). */
  round: number;
}

const GRACE_SECONDS = 1;

/** Resolves with the child's next message of one of `types`; rejects on its error message or exit. */
export function next<M extends { type: string }>(child: ChildProcess, types: M['type'][]): Promise<M> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: M): void => {
      if (types.includes(message.type)) done(() => resolve(message));
      else if (message.type === 'error')
        done(() => reject(new Error(`benchmark child: ${(message as { message?: string }).message}`)));
    };
    const onExit = (code: number | null): void =>
      done(() => reject(new Error(`benchmark child exited (${code}) before ${types.join('/')}`)));
    const done = (then: () => void): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      then();
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export function forkChild(module: string): ChildProcess {
  // execArgv: [] so a `--cpu-prof` given to the bench does not profile the children as well.
  return fork(new URL(module, import.meta.url), [], { serialization: 'advanced', execArgv: [] });
}

/**
 * OTLP/HTTP ingest end to end on a real plane (loopback, ephemeral port, temporary data dir,
 * grace 1 s, otherwise the production defaults) in one child process, loaded by N concurrent
 * clients in another. After the timed run, waits until no call is in flight and checks that the
 * KPI summary counts every call acknowledged.
 */
export async function measureIngest(
  set: PayloadSet,
  options: IngestOptions,
  recordedAtMs: number,
): Promise<Omit<IngestFigure, 'protobufjsSpansPerSecond' | 'round'>> {
  const plane = forkChild('./ingest-plane.js');
  const client = forkChild('./ingest-client.js');
  try {
    const started = next<Extract<FromPlane, { type: 'started' }>>(plane, ['started']);
    plane.send({
      type: 'start',
      env: { LUMAY_GRPC_PORT: '-1', LUMAY_GRACE_SECONDS: String(GRACE_SECONDS) },
    } satisfies ToPlane);
    const { url, apiKey } = await started;

    const config: IngestClientConfig = {
      url,
      apiKey,
      clients: options.clients,
      gzip: options.gzip,
      seconds: options.seconds,
      warmupSeconds: Math.min(2, options.seconds / 4),
      templates: set.payloads.map((p) => ({ protobuf: p.protobuf, traceIds: p.traceIds, spanCount: p.spanCount })),
    };
    const ready = next<ChildMessage>(client, ['ready']);
    client.send({ type: 'config', config } satisfies ParentMessage);
    await ready;

    const measuring = next<FromPlane>(plane, ['measuring']);
    plane.send({ type: 'measure', profilePath: options.profilePath } satisfies ToPlane);
    await measuring;
    const done = next<Extract<ChildMessage, { type: 'done' }>>(client, ['done']);
    client.send({ type: 'go' } satisfies ParentMessage);
    const { stats } = await done;

    const stopped = next<Extract<FromPlane, { type: 'stopped' }>>(plane, ['stopped']);
    plane.send({ type: 'stop', recordedAtMs } satisfies ToPlane);
    const { measurement } = await stopped;
    return {
      ...measurement,
      gzip: options.gzip,
      clients: options.clients,
      spansPerSecond: stats.windowSpans / stats.windowSeconds,
      client: stats,
      visibleInKpis: measurement.kpiCalls === stats.callsAcknowledged,
    };
  } finally {
    for (const child of [client, plane]) if (child.exitCode === null && child.connected) child.kill();
  }
}
