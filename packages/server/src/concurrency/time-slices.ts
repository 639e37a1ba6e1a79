/**
 * Cuts a long synchronous run into slices so the event loop gets a turn between them: `next()`
 * yields (setImmediate, so I/O callbacks run) once the current slice has lasted `sliceMillis`,
 * and costs a clock read otherwise. Exports, acknowledgements and the worker's messages wait at
 * most about one slice behind such a run instead of all of it.
 */
export class TimeSlices {
  private started = performance.now();

  constructor(private readonly sliceMillis: number) {}

  async next(): Promise<void> {
    if (performance.now() - this.started < this.sliceMillis) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}
