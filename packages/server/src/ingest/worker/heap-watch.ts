import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/**
 * How full this thread is with what it keeps: the heap in use just after the last full
 * (mark-compact) collection, plus the memory its ArrayBuffers hold outside the heap then (calls in
 * progress keep their spans packed in buffers and their span ids in typed arrays: most of what a
 * call holds lives there), against the thread's old-generation limit (resourceLimits), where what
 * it keeps on the heap lives (V8's heap_size_limit adds the young generation, which does not move
 * with the limit). The heap in use at any other moment also counts the garbage of every export
 * decoded since, up to what V8 lets the heap grow to, so it says little about what the calls hold.
 */
export class HeapWatch {
  private liveBytes = 0;
  private readonly observer: PerformanceObserver;

  /**
   * Full once what is kept after a full collection passes `fullShare` of `limitBytes`.
   * `passingBytes` is what the thread holds only on its way through (request bodies being
   * decoded and stored): not counted, so a burst of large exports does not pass for calls.
   */
  constructor(
    private readonly limitBytes: number,
    private readonly fullShare: number,
    private readonly passingBytes: () => number = () => 0,
  ) {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
        if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) this.observedFullCollection();
      }
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Reported after the collection, so what was allocated since is counted too: a little high, never low. */
  observedFullCollection(): void {
    const heap = getHeapStatistics();
    this.liveBytes = heap.used_heap_size + Math.max(0, heap.external_memory - this.passingBytes());
  }

  get full(): boolean {
    return this.liveBytes > this.fullShare * this.limitBytes;
  }

  stop(): void {
    this.observer.disconnect();
  }
}
