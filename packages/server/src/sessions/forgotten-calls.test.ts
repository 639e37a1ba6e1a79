import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallAttr } from '@lumay/conventions';
import type { SpanRecord } from '../model/telemetry-records.js';
import type { TelemetryGroup } from '../store/store.js';
import { PriceBooks } from '../cost/price-books.js';
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { openTempStore, type TempStore } from '../store/duckdb/temp-store.js';
import { SqlParams } from '../store/duckdb/sql-params.js';
import { CallAssembler } from './call-assembler.js';
import { T0_US, span } from './span-fixture.js';

/*
 * The assembler remembers completed calls exactly in a bounded map; past its bound, a Bloom filter
 * of finished calls still knows them; past the filter's window, a call's old start says it may
 * have been stored. In each case spans of a stored call must amend it, never store it twice,
 * although session writes no longer search for an earlier revision of every session.
 */

const TENANT = 'acme';
const HOUR_US = 3_600e6;

/** Span ids are hex, as on the wire: stored spans are decoded again from the raw exports. */
const spanId = (traceId: string, n: number): string => `${traceId.slice(0, 8)}${String(n).padStart(8, '0')}`;

function callSpans(traceId: string, callId: string): SpanRecord[] {
  const root = span('call', { id: spanId(traceId, 1), durationMs: 30_000, attrs: { [CallAttr.id]: callId } });
  const child = span('llm', { id: spanId(traceId, 2), parent: root.spanId, startMs: 1_000, durationMs: 800 });
  return [root, child].map((s) => ({ ...s, traceId }));
}

describe('calls the plane has forgotten completing', () => {
  let temp: TempStore;
  let lookups = 0;
  const traceA = 'a'.repeat(32);
  const traceB = 'b'.repeat(32);

  /** An assembler as the plane makes one at start, over the temp store, counting stored-revision lookups. */
  function startAssembler(nowUs: number): CallAssembler {
    const store = temp.store;
    const counted = Object.assign(Object.create(store) as DuckDbStore, {
      storedTraces: (traces: Parameters<DuckDbStore['storedTraces']>[0]) => {
        lookups++;
        return store.storedTraces(traces);
      },
    });
    const assembler = new CallAssembler(
      { graceUs: 1e6, maxCallUs: HOUR_US, lateSpanWindowUs: HOUR_US, maxInFlightCalls: 100, maxRememberedCompleted: 1 },
      counted,
      new PriceBooks([]),
    );
    // As at start, over an empty store: nothing completed within the filter's window.
    assembler.restore([], [], nowUs, nowUs - assembler.finishedHorizonUs);
    return assembler;
  }

  async function ingest(assembler: CallAssembler, spans: SpanRecord[], nowUs: number): Promise<number> {
    const groups: TelemetryGroup[] = [{ tenantId: TENANT, spans, logs: [] }];
    const selection = await assembler.select(groups);
    await temp.store.appendTelemetry(selection.groups);
    assembler.admit(selection, nowUs);
    return selection.groups[0].spans.length;
  }

  const sessionRows = async (): Promise<unknown[][]> =>
    (await temp.store.readRows('SELECT trace_id, revision, span_count FROM sessions ORDER BY trace_id', new SqlParams())).map((r) => [
      r.trace_id,
      r.revision,
      r.span_count,
    ]);

  before(async () => {
    temp = await openTempStore();
  });
  after(async () => temp.dispose());

  it('past the bounded map, the filter still routes a call’s spans: retries are duplicates, new spans amend it', async () => {
    const assembler = startAssembler(T0_US);
    const t = T0_US + 60e6;
    await ingest(assembler, callSpans(traceA, 'call-a'), t);
    assert.equal((await assembler.finalizeDue(t + 2e6)).length, 1);
    // The map holds one completed call: B pushes A out of it.
    await ingest(assembler, callSpans(traceB, 'call-b'), t + 3e6);
    assert.equal((await assembler.finalizeDue(t + 5e6)).length, 1);
    assert.equal(lookups, 0, 'new calls the filter covers are written without a lookup');

    assert.equal(await ingest(assembler, callSpans(traceA, 'call-a'), t + 6e6), 0, 'a re-sent export of A is all duplicates');
    const late = span('tts', { id: spanId(traceA, 3), parent: spanId(traceA, 1), startMs: 2_000, durationMs: 300 });
    assert.equal(await ingest(assembler, [{ ...late, traceId: traceA }], t + 7e6), 1);
    const [amended] = await assembler.finalizeDue(t + 9e6);
    assert.equal(amended.traceId, traceA);
    assert.equal(amended.revision, 2);
    assert.deepEqual(await sessionRows(), [
      [traceA, 2, 3],
      [traceB, 1, 2],
    ]);
  });

  it('after a restart, a call that started before what the filter covers is looked up, and amended', async () => {
    // A new plane three hours later: A completed outside the window restore() loads.
    const now = T0_US + 3 * HOUR_US;
    const assembler = startAssembler(now);
    const before = lookups;
    assert.equal(await ingest(assembler, callSpans(traceA, 'call-a'), now), 2, 'accepted: nothing says A was seen');
    const [amended] = await assembler.finalizeDue(now + 2e6);
    assert.equal(lookups, before + 1, 'one lookup for the batch');
    assert.equal(amended.revision, 3);
    assert.deepEqual(await sessionRows(), [
      [traceA, 3, 3],
      [traceB, 1, 2],
    ]);
    const kpis = await temp.store.kpiSummary({ tenantId: TENANT, fromUs: T0_US - HOUR_US, toUs: T0_US + HOUR_US }, null);
    assert.equal(kpis.calls, 2);
  });
});
