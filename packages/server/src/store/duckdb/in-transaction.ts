import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Runs `work` between BEGIN and COMMIT on `connection`, rolling back if it throws. Reads use it
 * too: every statement of one DuckDB transaction reads the same snapshot, so the parts of one
 * answer (sessions and their work items, a session and its connector calls) agree.
 *
 * Durability (checked against DuckDB's source): COMMIT writes the transaction to the
 * write-ahead log (`lumay.duckdb.wal`) and fsyncs it before returning (`WriteAheadLog::Flush`).
 * Large appends are first written as row groups into the database file, which is fsynced before
 * the log entry that references them (`LocalStorage::FlushBulkAppendBlocksAndSync`). So once this
 * promise resolves the data survives a process crash or power loss, provided the disk honours
 * fsync; the next open replays the log. An in-memory store (`:memory:`) is not durable at all.
 */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error: unknown) {
    try {
      await connection.run('ROLLBACK');
    } catch {
      // No transaction left to roll back (a failed COMMIT ends it); the original error is the one to report.
    }
    throw error;
  }
}
