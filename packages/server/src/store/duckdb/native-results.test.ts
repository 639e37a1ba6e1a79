import assert from 'node:assert/strict';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbConnections } from './duckdb-connections.js';
import { NativeResults } from './native-results.js';

/** The garbage collections V8 reports while `work` runs, by kind. */
async function collectionsDuring(work: () => Promise<void>): Promise<number[]> {
  const kinds: number[] = [];
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((entry) => kinds.push((entry as PerformanceEntry & { detail: { kind: number } }).detail.kind)),
  );
  observer.observe({ entryTypes: ['gc'] });
  await work();
  await sleep(20); // entries are delivered on a later turn
  observer.disconnect();
  return kinds;
}

test('every fourth settled operation runs a young-generation collection in V8', async () => {
  const results = new NativeResults();
  const kinds = await collectionsDuring(async () => {
    for (let i = 0; i < 3; i++) results.settled();
    assert.equal(results.collections, 0);
    results.settled();
  });
  assert.equal(results.collections, 1);
  assert.ok(kinds.includes(constants.NODE_PERFORMANCE_GC_MINOR), `a minor collection ran (kinds seen: ${kinds.join()})`);
});

test('reads, writes and appends on the store connections all count as operations', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await DuckDbConnections.open(instance, 2);
  try {
    await db.write((c) => c.run('CREATE TABLE t (x INTEGER)'));
    await db.append((c) => c.run('INSERT INTO t VALUES (1)'));
    for (let i = 0; i < 6; i++) await db.read((c) => c.runAndReadAll('SELECT sum(x) FROM t'));
    assert.equal(db.nativeResults.collections, 2);
  } finally {
    await db.close();
  }
});
