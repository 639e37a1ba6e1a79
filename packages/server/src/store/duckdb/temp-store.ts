import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDbStore } from './duckdb-store.js';
import { openDuckDbStore } from './open-duckdb-store.js';

/** Test support: a real store in a fresh temporary directory, and how to remove it. */
export interface TempStore {
  store: DuckDbStore;
  dir: string;
  dispose(): Promise<void>;
}

export async function openTempStore(): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'lumay-duckdb-'));
  const store = await openDuckDbStore({ dataDir: dir, threads: 2, memoryLimitMb: 256 });
  return {
    store,
    dir,
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
