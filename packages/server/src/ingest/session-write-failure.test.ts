import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallAttr } from '@lumay/conventions';
import type { CallSession } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { T0_US, span } from '../sessions/span-fixture.js';
import { openTempStore, type TempStore } from '../store/duckdb/temp-store.js';
import { pipelineOver } from './pipeline-fixture.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import type { CallAssembler } from '../sessions/call-assembler.js';

/*
 * Sessions are written beside ingest (session-writer.ts): the pipeline has acknowledged the spans
 * and taken the calls out of flight before the write. When that write fails, nothing may be lost
 * and nothing counted twice: the calls go back in flight and are written after another grace.
 */

const TENANT = 'acme';
const GRACE_US = 1e6;

function callSpans(traceId: string): SpanRecord[] {
  const root = span('call', { id: `${traceId.slice(0, 12)}root`, durationMs: 20_000, attrs: { [CallAttr.id]: `call-${traceId.slice(0, 6)}` } });
  const child = span('llm', { id: `${traceId.slice(0, 12)}llm0`, parent: root.spanId, startMs: 500, durationMs: 700 });
  return [root, child].map((s) => ({ ...s, traceId }));
}

describe('a session write that fails', () => {
  let temp: TempStore;
  let pipeline: IngestPipeline;
  let assembler: CallAssembler;
  let now = T0_US;
  let failuresLeft = 1;
  const emitted: CallSession[][] = [];

  before(async () => {
    temp = await openTempStore();
    const store = temp.store;
    const flaky = Object.assign(Object.create(store) as typeof store, {
      saveSessions: (sessions: CallSession[], options?: { exactRevisions?: boolean }) => {
        if (failuresLeft-- > 0) return Promise.reject(new Error('disk full'));
        return store.saveSessions(sessions, options);
      },
    });
    ({ assembler, pipeline } = pipelineOver(flaky, () => now, GRACE_US));
    pipeline.on('sessions', (sessions) => emitted.push(sessions));
  });
  after(async () => {
    await pipeline.stop();
    await temp.dispose();
  });

  const storedCalls = async (): Promise<number> =>
    (await temp.store.kpiSummary({ tenantId: TENANT, fromUs: T0_US - 3_600e6, toUs: T0_US + 3_600e6 }, null)).calls;

  it('puts the calls back in flight, then writes them once', async () => {
    const result = await pipeline.submit(TENANT, [...callSpans('a'.repeat(32)), ...callSpans('b'.repeat(32))], []);
    assert.equal(result.accepted, 4, 'acknowledged: durable');

    now += GRACE_US + 1;
    await pipeline.tick();
    assert.equal(await storedCalls(), 0, 'the failed write stored nothing');
    assert.equal(assembler.inFlightCount, 2, 'both calls are back in flight');
    assert.equal(emitted.length, 0, 'nothing announced on the live stream');

    // A retried export of one of them meanwhile is a duplicate, not a new call.
    const retry = await pipeline.submit(TENANT, callSpans('a'.repeat(32)), []);
    assert.deepEqual(retry, { accepted: 0, duplicates: 2 });

    now += GRACE_US + 1;
    await pipeline.tick();
    assert.equal(await storedCalls(), 2);
    assert.deepEqual(emitted.flat().map((s) => [s.traceId[0], s.revision]).sort(), [
      ['a', 1],
      ['b', 1],
    ]);
    assert.equal(assembler.inFlightCount, 0);
  });
});
