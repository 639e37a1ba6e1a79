import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SerialQueue } from '../../concurrency/serial-queue.js';

interface QueuedConnection {
  connection: DuckDBConnection;
  queue: SerialQueue;
}

/**
 * One writer and a few readers on one DuckDB instance. Every write goes through the single
 * writer queue, so transactions never interleave and DuckDB never sees two writers conflict;
 * reads run on their own connections and see only committed data (DuckDB's MVCC snapshot per
 * statement), so a slow KPI query never delays an ingest commit.
 */
export class DuckDbConnections {
  private nextReader = 0;
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: QueuedConnection,
    private readonly readers: QueuedConnection[],
  ) {}

  static async open(instance: DuckDBInstance, readerCount: number): Promise<DuckDbConnections> {
    const queued = async (): Promise<QueuedConnection> => ({ connection: await instance.connect(), queue: new SerialQueue() });
    const writer = await queued();
    const readers: QueuedConnection[] = [];
    for (let i = 0; i < Math.max(1, readerCount); i++) readers.push(await queued());
    return new DuckDbConnections(instance, writer, readers);
  }

  /** Runs `job` alone on the writer connection, after every write submitted before it. */
  write<T>(job: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return closedError();
    return this.writer.queue.run(() => job(this.writer.connection));
  }

  /** Runs `job` on the least busy reader connection. */
  read<T>(job: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return closedError();
    let chosen = this.readers[this.nextReader % this.readers.length];
    this.nextReader++;
    for (const reader of this.readers) if (reader.queue.depth < chosen.queue.depth) chosen = reader;
    return chosen.queue.run(() => job(chosen.connection));
  }

  /** Waits for queued work, then closes the connections and the instance (DuckDB checkpoints on close). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const all = [this.writer, ...this.readers];
    await Promise.all(all.map((c) => c.queue.idle()));
    for (const c of all) c.connection.closeSync();
    this.instance.closeSync();
  }
}

function closedError<T>(): Promise<T> {
  return Promise.reject(new Error('the DuckDB store is closed'));
}
