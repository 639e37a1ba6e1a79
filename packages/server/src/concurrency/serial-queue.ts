/**
 * Runs async jobs one at a time, in submission order; a failing job does not stop the queue.
 * DuckDB connections are not safe for overlapping statements and a transaction must not see
 * another caller's statements interleaved, so every connection is driven through one of these;
 * the ingest pipeline uses one so deduplication, the durable write and finalisation never overlap.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(job: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(job, job).finally(() => {
      this.pending--;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Jobs submitted and not yet settled; used to pick the least busy reader. */
  get depth(): number {
    return this.pending;
  }

  /** Resolves once every job submitted so far has settled. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
