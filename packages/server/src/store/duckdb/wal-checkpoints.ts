import { stat } from 'node:fs/promises';
import type { DuckDbConnections } from './duckdb-connections.js';

/**
 * Checkpoints on the plane's schedule instead of DuckDB's. DuckDB checkpoints by itself inside the
 * commit that takes its write-ahead log past `checkpoint_threshold` (16 MB by default), and while
 * it runs the appenders' synchronous close blocks the event loop: measured, a second or more
 * without a single acknowledged export every 10–20 s, a fifth of ingest throughput, since every
 * checkpoint also rewrites the tables' partly filled row groups again. Here the log is let grow to
 * `walBytes` (DuckDB's own threshold is set further out, as a backstop), then one CHECKPOINT runs
 * while the writer and the appender are held (DuckDbConnections.checkpoint): exports wait for it
 * in their queue, the event loop keeps serving.
 */
export class WalCheckpoints {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly connections: DuckDbConnections,
    private readonly walPath: string,
    private readonly walBytes: number,
    private readonly onCheckpoint: (seconds: number) => void = () => undefined,
  ) {}

  start(intervalMillis = 1000): void {
    this.timer = setInterval(() => void this.check(), intervalMillis);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checkpoints if the log has passed its size; resolves when done (or when nothing was due). */
  async check(): Promise<void> {
    if (this.running) return;
    const size = (await stat(this.walPath).catch(() => null))?.size ?? 0;
    if (size < this.walBytes) return;
    this.running = true;
    const started = performance.now();
    try {
      await this.connections.checkpoint();
      this.onCheckpoint((performance.now() - started) / 1000);
    } catch {
      // A failed checkpoint leaves the log as it was; DuckDB's own threshold is the backstop.
    } finally {
      this.running = false;
    }
  }
}
