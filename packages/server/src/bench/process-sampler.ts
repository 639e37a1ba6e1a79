import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IngestStatus } from '../ingest/plane-ingest.js';

export interface ProcessSample {
  peakRssMb: number;
  /** The main thread's V8 heap's share of it: the rest is the ingest worker's heap and native memory (DuckDB's buffer pool, Buffers, code). */
  peakHeapUsedMb: number;
  /** The ingest worker thread's V8 heap at its peak (null: ingest ran on the main thread, or no plane). */
  peakWorkerHeapMb: number | null;
  /** The embedded database's own memory at its peak, `Store.memoryUsage` (null: not sampled). */
  peakStoreMb?: number | null;
  /** Most calls in flight seen while sampling. */
  peakInFlight: number;
  /** CPU this process used meanwhile (every thread: JS, DuckDB, zlib), in cores. */
  cpuCores: number;
  eventLoopDelayP99Ms: number;
  /** Peak RSS of each whole second sampled, so a long run shows whether memory levels off or grows. */
  rssBySecondMb: number[];
}

/** What the sampler reads of a plane's ingest. */
type IngestGauges = Pick<IngestStatus, 'inFlight' | 'workerHeapBytes'>;

/** Samples this process's RSS and its plane's ingest every `intervalMillis` until stopped. */
export class ProcessSampler {
  private peakRss = process.memoryUsage.rss();
  private peakHeapUsed = process.memoryUsage().heapUsed;
  private peakWorkerHeap: number | null = null;
  private peakInFlight = 0;
  private peakStore: number | null = null;
  private storeReading = false;
  private readonly timer: NodeJS.Timeout;
  private readonly cpuBefore = process.cpuUsage();
  private readonly startedAt = performance.now();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private readonly rssBySecond: number[] = [];

  constructor(
    private readonly ingest: () => IngestGauges = () => ({ inFlight: 0, workerHeapBytes: null }),
    intervalMillis = 100,
    /** The store's memory in bytes: a query, so read at most one at a time and skipped meanwhile. */
    private readonly storeBytes: (() => Promise<number>) | null = null,
  ) {
    this.loopDelay.enable();
    this.timer = setInterval(() => this.sample(), intervalMillis);
  }

  private sample(): void {
    const usage = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, usage.rss);
    this.peakHeapUsed = Math.max(this.peakHeapUsed, usage.heapUsed);
    const ingest = this.ingest();
    this.peakInFlight = Math.max(this.peakInFlight, ingest.inFlight);
    if (ingest.workerHeapBytes !== null) this.peakWorkerHeap = Math.max(this.peakWorkerHeap ?? 0, ingest.workerHeapBytes);
    if (this.storeBytes && !this.storeReading) {
      this.storeReading = true;
      this.storeBytes()
        .then((bytes) => (this.peakStore = Math.max(this.peakStore ?? 0, bytes)))
        .catch(() => undefined) // a store closing under the sampler: the peak so far stands
        .finally(() => (this.storeReading = false));
    }
    const second = Math.floor((performance.now() - this.startedAt) / 1000);
    this.rssBySecond[second] = Math.max(this.rssBySecond[second] ?? 0, usage.rss / 2 ** 20);
  }

  stop(): ProcessSample {
    this.sample();
    clearInterval(this.timer);
    this.loopDelay.disable();
    const cpu = process.cpuUsage(this.cpuBefore);
    return {
      peakRssMb: this.peakRss / 2 ** 20,
      peakHeapUsedMb: this.peakHeapUsed / 2 ** 20,
      peakWorkerHeapMb: this.peakWorkerHeap === null ? null : this.peakWorkerHeap / 2 ** 20,
      peakStoreMb: this.peakStore === null ? null : this.peakStore / 2 ** 20,
      peakInFlight: this.peakInFlight,
      cpuCores: (cpu.user + cpu.system) / 1000 / (performance.now() - this.startedAt),
      eventLoopDelayP99Ms: this.loopDelay.percentile(99) / 1e6,
      // A second the event loop never reached has no sample: carry the last one over.
      rssBySecondMb: Array.from(this.rssBySecond, (mb, i) => mb ?? this.rssBySecond[i - 1] ?? 0),
    };
  }
}
