import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SerialQueue } from '../../concurrency/serial-queue.js';
import { NativeResults } from './native-results.js';
import { dropStatements } from './prepared-statements.js';

interface QueuedConnection {
  connection: DuckDBConnection;
  queue: SerialQueue;
}

/**
 * One writer, one appender of raw telemetry and a few readers on one DuckDB instance. Every
 * write that may update or delete rows goes through the single writer queue, so transactions
 * never interleave and DuckDB never sees two writers conflict. Raw telemetry has a connection of
 * its own: it is only ever appended to (its deletions, by retention, go through the writer and
 * touch old rows only), so its commits run beside the session writes instead of waiting behind
 * them. Reads run on their own connections and see only committed data (DuckDB's MVCC snapshot
 * per statement), so a slow KPI query never delays an ingest commit.
 */
export class DuckDbConnections {
  private nextReader = 0;
  private closed = false;
  /** Results of finished operations wait for V8 to collect them (native-results.ts). */
  readonly nativeResults = new NativeResults();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: QueuedConnection,
    private readonly appender: QueuedConnection,
    private readonly readers: QueuedConnection[],
  ) {}

  static async open(instance: DuckDBInstance, readerCount: number): Promise<DuckDbConnections> {
    const queued = async (): Promise<QueuedConnection> => ({ connection: await instance.connect(), queue: new SerialQueue() });
    const writer = await queued();
    const appender = await queued();
    const readers: QueuedConnection[] = [];
    for (let i = 0; i < Math.max(1, readerCount); i++) readers.push(await queued());
    return new DuckDbConnections(instance, writer, appender, readers);
  }

  /** Runs `job` alone on the writer connection, after every write submitted before it. */
  write<T>(job: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return closedError();
    return this.runOn(this.writer, job);
  }

  /** Runs `job` alone on the raw-telemetry connection: appends only, never updates or deletes. */
  append<T>(job: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return closedError();
    return this.runOn(this.appender, job);
  }

  /**
   * CHECKPOINT with both write connections held: no write is in progress while it runs, so none
   * waits for it inside a synchronous call on the event loop (wal-checkpoints.ts).
   */
  checkpoint(): Promise<void> {
    if (this.closed) return closedError();
    return this.appender.queue.run(() => this.writer.queue.run(async () => void (await this.writer.connection.run('CHECKPOINT'))));
  }

  /** Runs `job` on the least busy reader connection. */
  read<T>(job: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return closedError();
    let chosen = this.readers[this.nextReader % this.readers.length];
    this.nextReader++;
    for (const reader of this.readers) if (reader.queue.depth < chosen.queue.depth) chosen = reader;
    return this.runOn(chosen, job);
  }

  private runOn<T>(queued: QueuedConnection, job: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return queued.queue.run(() => job(queued.connection).finally(() => this.nativeResults.settled()));
  }

  /** Waits for queued work, then closes the connections and the instance (DuckDB checkpoints on close). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const all = [this.writer, this.appender, ...this.readers];
    await Promise.all(all.map((c) => c.queue.idle()));
    for (const c of all) {
      dropStatements(c.connection);
      c.connection.closeSync();
    }
    this.instance.closeSync();
  }
}

function closedError<T>(): Promise<T> {
  return Promise.reject(new Error('the DuckDB store is closed'));
}
