import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallAttr } from '@lumay/conventions';
import type { CallSession } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import type { CallAssembler, DueBatch, DueCalls } from '../sessions/call-assembler.js';
import { T0_US, span } from '../sessions/span-fixture.js';
import { openTempStore, type TempStore } from '../store/duckdb/temp-store.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { pipelineOver } from './pipeline-fixture.js';

/*
 * A tick's due calls are built and handed to the writer in chunks, so the first are written while
 * the rest are built; a chunk that fails to build goes back in flight with the ones after it.
 */

const TENANT = 'acme';
const GRACE_US = 1e6;
const CALLS = 600;

function callSpans(traceId: string): SpanRecord[] {
  const root = span('call', { id: `${traceId.slice(0, 12)}root`, durationMs: 20_000, attrs: { [CallAttr.id]: `call-${traceId}` } });
  const child = span('llm', { id: `${traceId.slice(0, 12)}llm0`, parent: root.spanId, startMs: 500, durationMs: 700 });
  return [root, child].map((s) => ({ ...s, traceId }));
}

describe('due calls built in chunks', () => {
  let temp: TempStore;
  let pipeline: IngestPipeline;
  let assembler: CallAssembler;
  let now = T0_US;
  const writes: number[] = [];
  /** Builds started, and how many sessions had been handed to the store when each started. */
  const buildsStarted: number[] = [];
  let failBuild = -1;

  before(async () => {
    temp = await openTempStore();
    const store = temp.store;
    const recording = Object.assign(Object.create(store) as typeof store, {
      saveSessions: (sessions: CallSession[], options?: { exactRevisions?: boolean }) => {
        writes.push(sessions.length);
        return store.saveSessions(sessions, options);
      },
    });
    ({ assembler, pipeline } = pipelineOver(recording, () => now, GRACE_US, 2 * CALLS));
    const build = assembler.buildSessions.bind(assembler);
    assembler.buildSessions = async (due: DueCalls, nowUs: number): Promise<DueBatch> => {
      buildsStarted.push(writes.reduce((a, b) => a + b, 0));
      if (buildsStarted.length - 1 === failBuild) {
        // buildSessions' own contract on failure: the chunk's calls go back in flight.
        assembler.writeFailed({ sessions: [], calls: due.map((d) => d.call) }, nowUs);
        throw new Error('price book unreadable');
      }
      return build(due, nowUs);
    };
  });
  after(async () => {
    await pipeline.stop();
    await temp.dispose();
  });

  const storedCalls = async (): Promise<number> =>
    (await temp.store.kpiSummary({ tenantId: TENANT, fromUs: T0_US - 3_600e6, toUs: T0_US + 3_600e6 }, null)).calls;
  const traceId = (i: number): string => i.toString(16).padStart(32, '0');

  it('hands each chunk to the writer before building the next', async () => {
    const spans = Array.from({ length: CALLS }, (_, i) => callSpans(traceId(i))).flat();
    await pipeline.submit(TENANT, spans, []);
    now += GRACE_US + 1;
    await pipeline.tick();
    assert.equal(await storedCalls(), CALLS);
    assert.ok(buildsStarted.length >= 3, `${CALLS} calls built in ${buildsStarted.length} chunks`);
    assert.ok(writes[0] < CALLS, `the first write carried ${writes[0]} sessions, not all of them`);
    assert.ok(buildsStarted.at(-1)! > 0, 'the last chunk was built after the first was handed to the store');
  });

  it('puts a chunk that fails to build back in flight with the chunks after it, then writes them once', async () => {
    buildsStarted.length = 0;
    writes.length = 0;
    failBuild = 1;
    const spans = Array.from({ length: CALLS }, (_, i) => callSpans(traceId(CALLS + i))).flat();
    await pipeline.submit(TENANT, spans, []);
    now += GRACE_US + 1;
    await pipeline.tick();
    const first = await storedCalls();
    assert.ok(first > CALLS && first < 2 * CALLS, `only the first chunk was written (${first - CALLS} calls)`);
    assert.equal(assembler.inFlightCount, 2 * CALLS - first, 'the failed chunk and the ones after it are back in flight');
    failBuild = -1;
    now += GRACE_US + 1;
    await pipeline.tick();
    assert.equal(await storedCalls(), 2 * CALLS, 'every call written once');
    assert.equal(assembler.inFlightCount, 0);
  });
});
