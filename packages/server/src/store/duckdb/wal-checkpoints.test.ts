import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDbStore } from './duckdb-store.js';
import { DATABASE_FILE, openDuckDbStore } from './open-duckdb-store.js';
import { makeSpan } from './make-span.js';

const walSize = async (dir: string): Promise<number> => (await stat(join(dir, `${DATABASE_FILE}.wal`)).catch(() => null))?.size ?? 0;

describe('checkpoints on the plane’s schedule', () => {
  let dir: string;
  let store: DuckDbStore;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lumay-wal-'));
    store = await openDuckDbStore({ dataDir: dir, threads: 2, memoryLimitMb: 256, checkpointWalMb: 1 });
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the write-ahead log grow past DuckDB’s default, then checkpoints it away, with the data kept', async () => {
    // Past 1 MB of log (random text: the exports are stored compressed), below the 4 MB backstop
    // at which DuckDB would checkpoint by itself.
    for (let batch = 0; (await walSize(dir)) < 1.5 * 2 ** 20; batch++) {
      const spans = Array.from({ length: 200 }, (_, i) =>
        makeSpan({ traceId: (batch * 1000 + i + 1).toString(16).padStart(32, '0'), attributes: { note: randomBytes(300).toString('hex') } }),
      );
      await store.appendTelemetry([{ tenantId: 't', spans, logs: [] }]);
    }
    const before = await walSize(dir);
    assert.ok(before >= 1.5 * 2 ** 20, `log at ${before} bytes`);
    // The scheduler checks every second; wait for its checkpoint rather than calling it.
    const deadline = Date.now() + 10_000;
    while ((await walSize(dir)) >= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok((await walSize(dir)) < before / 4, `log ${await walSize(dir)} bytes after the checkpoint, ${before} before`);
    const stored = await store.spansOfTrace('t', (1).toString(16).padStart(32, '0'));
    assert.equal(stored.length, 1);
  });
});
