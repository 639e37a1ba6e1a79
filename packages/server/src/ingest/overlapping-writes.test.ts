import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallAttr } from '@lumay/conventions';
import type { SpanRecord } from '../model/telemetry-records.js';
import type { ExportInput } from '../store/export-inputs.js';
import { PlaneError } from '../errors/plane-error.js';
import { decodeStoredSpans } from './otlp/telemetry-codec.js';
import { T0_US, span } from '../sessions/span-fixture.js';
import { openTempStore, type TempStore } from '../store/duckdb/temp-store.js';
import { pipelineOver } from './pipeline-fixture.js';
import type { IngestPipeline, SubmitResult } from './ingest-pipeline.js';

/*
 * The next batch is selected while the previous one is being written (ingest-pipeline.ts), so
 * deduplication must count the spans of a batch still being written as seen, and a batch checked
 * against one whose write then failed must be refused: otherwise a retry that arrived meanwhile
 * would be acknowledged as "all duplicates" while those spans never joined their call. What it wrote
 * itself joins, so the sender's next retry stores nothing twice.
 */

const TENANT = 'acme';
const GRACE_US = 1e6;
const TRACE = 'c'.repeat(32);

function spans(...ids: string[]): SpanRecord[] {
  return ids.map((id) =>
    id === 'root'
      ? { ...span('call', { id: 'ffff0000ffff0000', durationMs: 20_000, attrs: { [CallAttr.id]: 'call-c' } }), traceId: TRACE }
      : { ...span('llm', { id: `${id.padEnd(12, '0')}0001`, parent: 'ffff0000ffff0000', startMs: 500, durationMs: 700 }), traceId: TRACE },
  );
}

/** A store whose appends wait until released, and fail when told to. */
class GatedAppends {
  private gates: { release: () => void; fail: boolean }[] = [];
  waiting = 0;
  /** Spans of the appends that succeeded, a retried one as often as it was written. */
  writtenSpans = 0;

  wrap(temp: TempStore): TempStore['store'] {
    const store = temp.store;
    return Object.assign(Object.create(store) as typeof store, {
      appendExports: async (exports: ExportInput[]) => {
        const gate = { release: (): void => {}, fail: false };
        const released = new Promise<void>((resolve) => (gate.release = resolve));
        this.gates.push(gate);
        this.waiting++;
        await released;
        this.waiting--;
        if (gate.fail) throw new Error('disk full');
        await store.appendExports(exports);
        for (const e of exports) if (e.signal === 'traces') this.writtenSpans += decodeStoredSpans(e.raw).length;
      },
    });
  }

  /** Lets the oldest waiting append go on, failed or not. */
  release(fail = false): void {
    const gate = this.gates.shift();
    assert.ok(gate, 'an append is waiting');
    gate.fail = fail;
    gate.release();
  }
}

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(condition(), 'condition reached');
};

describe('a batch selected while the previous one is written', () => {
  let temp: TempStore;
  let gates: GatedAppends;
  let pipeline: IngestPipeline;
  let now = T0_US;

  beforeEach(async () => {
    temp = await openTempStore();
    gates = new GatedAppends();
    const store = gates.wrap(temp);
    ({ pipeline } = pipelineOver(store, () => now, GRACE_US));
  });
  afterEach(async () => {
    await pipeline.stop();
    await temp.dispose();
  });

  const sessionSpans = async (): Promise<number> => {
    now += GRACE_US + 1;
    await pipeline.tick();
    const session = await temp.store.sessionOfTrace(TENANT, TRACE);
    return session?.spanCount ?? 0;
  };

  it('counts the spans of the batch being written as seen, and keeps the new ones', async () => {
    const first = pipeline.submit(TENANT, spans('root', 'a', 'b'), []);
    await until(() => gates.waiting === 1);
    // A retry of the first export with one more span, selected while the first is being written.
    const second = pipeline.submit(TENANT, spans('root', 'a', 'b', 'c'), []);
    await until(() => gates.waiting === 2);
    gates.release();
    gates.release();
    assert.deepEqual(await first, { accepted: 3, duplicates: 0 });
    assert.deepEqual(await second, { accepted: 1, duplicates: 3 });
    assert.equal(await sessionSpans(), 4, 'every span joined the call once');
  });

  it('refuses an export that counted on a batch whose write failed; its own spans joined, the retry adds the rest', async () => {
    const first = pipeline.submit(TENANT, spans('root', 'a', 'b'), []);
    await until(() => gates.waiting === 1);
    const second = pipeline.submit(TENANT, spans('root', 'a', 'b', 'c'), []);
    await until(() => gates.waiting === 2);
    gates.release(true);
    gates.release();
    const outcomes = (await Promise.allSettled([first, second])).map((r) => (r.status === 'rejected' ? r.reason : r.value) as PlaneError | SubmitResult);
    for (const outcome of outcomes) {
      assert.ok(outcome instanceof PlaneError, 'both exports are refused');
      assert.equal(outcome.statusCode, 503);
      assert.ok((outcome.retryAfterSeconds ?? 0) > 0, 'with a Retry-After');
    }
    // The sender retries: the span the second export wrote is not written again.
    const retried = pipeline.submit(TENANT, spans('root', 'a', 'b', 'c'), []);
    await until(() => gates.waiting === 1);
    gates.release();
    assert.deepEqual(await retried, { accepted: 3, duplicates: 1 });
    assert.equal(await sessionSpans(), 4);
    assert.equal(gates.writtenSpans, 4, 'each span is written once');
  });

  it('acknowledges an export written beside a failed one when it did not count on it', async () => {
    const first = pipeline.submit(TENANT, spans('root', 'a'), []);
    await until(() => gates.waiting === 1);
    const second = pipeline.submit(TENANT, spans('b', 'c'), []);
    await until(() => gates.waiting === 2);
    gates.release(true);
    gates.release();
    await assert.rejects(first, (error: PlaneError) => error.statusCode === 503);
    assert.deepEqual(await second, { accepted: 2, duplicates: 0 });
    const retried = pipeline.submit(TENANT, spans('root', 'a'), []);
    await until(() => gates.waiting === 1);
    gates.release();
    assert.deepEqual(await retried, { accepted: 2, duplicates: 0 });
    assert.equal(await sessionSpans(), 4);
  });
});
