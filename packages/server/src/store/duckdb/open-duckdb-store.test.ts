import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DAY_US, T0_US, makeSession } from './make-session.js';
import { makeLog, makeSpan, traceIdOf } from './make-span.js';
import { DATABASE_FILE, openDuckDbStore } from './open-duckdb-store.js';

describe('openDuckDbStore', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'lumay-open-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('creates a missing data directory and keeps everything across close and reopen', async () => {
    const dataDir = join(root, 'nested', 'data');
    const session = makeSession({ tenantId: 'persist' });
    const span = makeSpan({ traceId: session.traceId });
    const first = await openDuckDbStore({ dataDir });
    await first.createTenant({ id: 'persist', name: 'Persist', humanCostPerCallUsd: 2, createdAtUs: 1 });
    await first.appendTelemetry([{ tenantId: 'persist', spans: [span], logs: [] }]);
    await first.saveSessions([session]);
    await first.close();
    assert.ok(existsSync(join(dataDir, DATABASE_FILE)));

    const second = await openDuckDbStore({ dataDir });
    try {
      assert.equal((await second.getTenant('persist'))?.humanCostPerCallUsd, 2);
      assert.deepEqual(await second.spansOfTrace('persist', session.traceId), [span]);
      assert.deepEqual(await second.sessionOfTrace('persist', session.traceId), session);
      assert.equal((await second.kpiSummary({ tenantId: 'persist', fromUs: T0_US - DAY_US, toUs: T0_US + DAY_US }, 2)).calls, 1);
    } finally {
      await second.close();
    }
  });

  test('concurrent writers never interleave: every batch of a burst lands, whole', async () => {
    const store = await openDuckDbStore({ dataDir: join(root, 'burst') });
    try {
      const traceId = traceIdOf(7);
      const writes = Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? store.appendTelemetry([{ tenantId: 'burst', spans: Array.from({ length: 100 }, () => makeSpan({ traceId })), logs: [] }])
          : store.saveSessions([makeSession({ tenantId: 'burst' })]),
      );
      await Promise.all(writes);
      assert.equal((await store.spansOfTrace('burst', traceId)).length, 1000);
      assert.equal((await store.kpiSummary({ tenantId: 'burst', fromUs: T0_US - DAY_US, toUs: T0_US + DAY_US }, null)).calls, 10);
    } finally {
      await store.close();
    }
  });

  test('a failed write rolls back whole and the store keeps working', async () => {
    const store = await openDuckDbStore({ dataDir: ':memory:' });
    try {
      const traceId = traceIdOf(8);
      // The spans are appended first; the log's time overflows BIGINT inside the same transaction.
      const bad = makeLog({ traceId, timeUs: 1e30 });
      await assert.rejects(store.appendTelemetry([{ tenantId: 'rollback', spans: [makeSpan({ traceId })], logs: [bad] }]), /int64/);
      assert.deepEqual(await store.spansOfTrace('rollback', traceId), []);
      await store.appendTelemetry([{ tenantId: 'rollback', spans: [makeSpan({ traceId })], logs: [] }]);
      assert.equal((await store.spansOfTrace('rollback', traceId)).length, 1);
    } finally {
      await store.close();
    }
  });

  test('a closed store refuses further calls', async () => {
    const store = await openDuckDbStore({ dataDir: ':memory:' });
    await store.close();
    await store.close();
    await assert.rejects(store.listTenants(), /closed/);
    await assert.rejects(store.saveSessions([makeSession()]), /closed/);
  });
});
