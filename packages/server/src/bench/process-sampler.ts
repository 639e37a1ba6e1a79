import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProcessSample {
  peakRssMb: number;
  /** The V8 heap's share of it: the rest is native (DuckDB's buffer pool, Buffers, code). */
  peakHeapUsedMb: number;
  /** Largest value `gauge` returned while sampling (calls in flight, for the ingest run). */
  peakGauge: number;
  /** CPU this process used meanwhile (every thread: JS, DuckDB, zlib), in cores. */
  cpuCores: number;
  eventLoopDelayP99Ms: number;
  /** Peak RSS of each whole second sampled, so a long run shows whether memory levels off or grows. */
  rssBySecondMb: number[];
}

/** Samples this process's RSS and a gauge every `intervalMillis` until stopped. */
export class ProcessSampler {
  private peakRss = process.memoryUsage.rss();
  private peakHeapUsed = process.memoryUsage().heapUsed;
  private peakGauge = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly cpuBefore = process.cpuUsage();
  private readonly startedAt = performance.now();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private readonly rssBySecond: number[] = [];

  constructor(
    private readonly gauge: () => number = () => 0,
    intervalMillis = 100,
  ) {
    this.loopDelay.enable();
    this.timer = setInterval(() => this.sample(), intervalMillis);
  }

  private sample(): void {
    const usage = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, usage.rss);
    this.peakHeapUsed = Math.max(this.peakHeapUsed, usage.heapUsed);
    this.peakGauge = Math.max(this.peakGauge, this.gauge());
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
      peakGauge: this.peakGauge,
      cpuCores: (cpu.user + cpu.system) / 1000 / (performance.now() - this.startedAt),
      eventLoopDelayP99Ms: this.loopDelay.percentile(99) / 1e6,
      // A second the event loop never reached has no sample: carry the last one over.
      rssBySecondMb: Array.from(this.rssBySecond, (mb, i) => mb ?? this.rssBySecond[i - 1] ?? 0),
    };
  }
}
