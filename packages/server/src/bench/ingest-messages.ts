import type { ProfileLine } from './cpu-profile.js';
import type { ProcessSample } from './process-sampler.js';

/** What the bench process and its two children (the plane, the load generator) tell each other over IPC. */

export interface IngestClientConfig {
  url: string;
  apiKey: string;
  clients: number;
  gzip: boolean;
  seconds: number;
  /** Acknowledgements in the first seconds are sent but not counted in the rate (JIT, socket set-up). */
  warmupSeconds: number;
  templates: { protobuf: Uint8Array; traceIds: string[]; spanCount: number }[];
}

export interface IngestClientStats {
  requestsAcknowledged: number;
  spansAcknowledged: number;
  callsAcknowledged: number;
  /** Acknowledgements whose response carried partial_success (some spans rejected). */
  partialSuccesses: number;
  failuresByStatus: Record<string, number>;
  /** Spans acknowledged inside the measured window, and its length. */
  windowSpans: number;
  windowSeconds: number;
  /** Spans acknowledged in each second of the run, warm-up included: shows whether the rate holds. */
  spansBySecond: number[];
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** CPU the load generator used (its own thread, gzip in the thread pool), as a share of one core. */
  clientCpuCores: number;
  bytesPerRequest: number;
}

export type ParentMessage = { type: 'config'; config: IngestClientConfig } | { type: 'go' };
export type ChildMessage =
  { type: 'ready' } | { type: 'done'; stats: IngestClientStats } | { type: 'error'; message: string };

export interface PlaneMeasurement {
  sample: ProcessSample;
  /** RSS of the plane process once started, before any load. */
  rssIdleMb: number;
  drainMillis: number;
  kpiCalls: number;
  /** Per JavaScript thread (main, then the ingest worker), when profiled. */
  profiles?: { thread: string; frames: ProfileLine[]; areas: ProfileLine[] }[];
}

export type ToPlane =
  | { type: 'start'; env: Record<string, string> }
  | { type: 'measure'; profilePath?: string }
  | { type: 'stop'; recordedAtMs: number };

export type FromPlane =
  | { type: 'started'; url: string; apiKey: string }
  | { type: 'measuring' }
  | { type: 'stopped'; measurement: PlaneMeasurement }
  | { type: 'error'; message: string };
