import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { assertTableColumns } from './column-spec.js';
import { DuckDbConnections } from './duckdb-connections.js';
import { DuckDbStore } from './duckdb-store.js';
import { nextExportId } from './raw-exports.js';
import { migrate } from './schema-migrations.js';
import { CONNECTOR_CALL_COLUMNS, SESSION_COLUMNS, WORK_ITEM_COLUMNS } from './session-columns.js';
import { WalCheckpoints } from './wal-checkpoints.js';

export interface DuckDbStoreOptions {
  /** Directory holding `lumay.duckdb` (created if missing), or ':memory:' for a store that is not durable. */
  dataDir: string;
  /** DuckDB's `memory_limit`; DuckDB's default (80% of RAM) when absent. */
  memoryLimitMb?: number;
  /** DuckDB worker threads; DuckDB's default (one per core) when absent. */
  threads?: number;
  /** Connections for reads, beside the one writer. Default 2. */
  readerConnections?: number;
  /**
   * The longest call the plane assembles. An earlier revision of a session starts at most this far
   * from the new one, which bounds the look-up for it to a slice of `sessions`. Default 7 days.
   */
  maxCallSeconds?: number;
  /**
   * Checkpoint when the write-ahead log reaches this size, on the plane's schedule
   * (wal-checkpoints.ts). Absent: DuckDB's own threshold (16 MB), inside a commit.
   */
  checkpointWalMb?: number;
}

export const DATABASE_FILE = 'lumay.duckdb';

/** Opens (creating and migrating if needed) the embedded DuckDB store. */
export async function openDuckDbStore(options: DuckDbStoreOptions): Promise<DuckDbStore> {
  const inMemory = options.dataDir === ':memory:';
  if (!inMemory) await mkdir(options.dataDir, { recursive: true });
  const config: Record<string, string> = {};
  if (options.memoryLimitMb !== undefined) config.memory_limit = `${options.memoryLimitMb}MB`;
  if (options.threads !== undefined) config.threads = String(options.threads);
  const scheduled = !inMemory && options.checkpointWalMb !== undefined;
  // DuckDB's own checkpoint stays as a backstop, well past the size at which ours runs.
  if (scheduled) config.checkpoint_threshold = `${(options.checkpointWalMb ?? 0) * 4}MB`;
  const path = inMemory ? ':memory:' : join(options.dataDir, DATABASE_FILE);
  const instance = await DuckDBInstance.create(path, config);
  const connections = await DuckDbConnections.open(instance, options.readerConnections ?? 2);
  let nextId = 1;
  try {
    await connections.write(async (c) => {
      await migrate(c, Date.now() * 1000);
      nextId = await nextExportId(c);
      await assertTableColumns(c, 'sessions', SESSION_COLUMNS.map((s) => s.name));
      await assertTableColumns(c, 'connector_calls', CONNECTOR_CALL_COLUMNS.map((s) => s.name));
      await assertTableColumns(c, 'work_items', WORK_ITEM_COLUMNS.map((s) => s.name));
    });
  } catch (error: unknown) {
    await connections.close();
    throw error;
  }
  const checkpoints = scheduled ? new WalCheckpoints(connections, `${path}.wal`, (options.checkpointWalMb ?? 0) * 2 ** 20) : null;
  checkpoints?.start();
  return new DuckDbStore(connections, (options.maxCallSeconds ?? 7 * 86_400) * 1e6, nextId, checkpoints);
}
