import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Env } from '../config.js';
import { startPlane, type RunningPlane } from '../start-plane.js';
import { createLogger } from '../logging/create-logger.js';
import type { Scope } from '../tenancy/tenant-types.js';

export interface TestPlane extends RunningPlane {
  dataDir: string;
  /** Creates a tenant and returns a key with the given scopes. */
  tenantWithKey(id: string, scopes?: Scope[], humanCostPerCallUsd?: number | null): Promise<string>;
  /** Runs the assembler until no call is in flight and their sessions are written, or the deadline passes. */
  settle(timeoutMillis?: number): Promise<void>;
  /** GET a JSON API path with a key. */
  get(path: string, key: string): Promise<{ status: number; body: unknown }>;
  /** close() and delete the data directory. */
  destroy(): Promise<void>;
}

/** A real plane on ephemeral loopback ports over a temporary data directory. */
export async function startTestPlane(env: Env = {}): Promise<TestPlane> {
  const dataDir = env.LUMAY_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'lumay-test-'));
  const config = loadConfig({
      LUMAY_HTTP_PORT: '0',
      LUMAY_GRPC_PORT: '0',
      LUMAY_GRACE_SECONDS: '0.2',
      ...env,
      LUMAY_DATA_DIR: dataDir,
  });
  const plane = await startPlane(config, createLogger(process.env.LUMAY_TEST_LOG_LEVEL ?? 'silent'));
  return {
    ...plane,
    dataDir,
    async tenantWithKey(id, scopes = ['ingest', 'read'], humanCostPerCallUsd = null) {
      if (!(await plane.store.getTenant(id))) await plane.admin.createTenant(id, id, humanCostPerCallUsd);
      return (await plane.admin.createKey(id, scopes, 'test')).secret;
    },
    async settle(timeoutMillis = 5000) {
      const deadline = Date.now() + timeoutMillis;
      await plane.ingest.flush();
      await plane.ingest.tick();
      while (plane.ingest.status().inFlight > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        await plane.ingest.tick();
      }
      if (plane.ingest.status().inFlight > 0) throw new Error(`${plane.ingest.status().inFlight} calls still in flight`);
      // A periodic tick may have taken the last calls out of flight and still be writing them.
      await plane.ingest.sessionWritesSettled();
    },
    async get(path, key) {
      const res = await fetch(plane.httpUrl + path, { headers: { authorization: `Bearer ${key}` } });
      return { status: res.status, body: await res.json() };
    },
    async destroy() {
      await plane.close();
      if (!env.LUMAY_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
