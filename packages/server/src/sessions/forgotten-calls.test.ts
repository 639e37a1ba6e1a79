import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallAttr } from '@lumay/conventions';
import type { SpanRecord } from '../model/telemetry-records.js';
import type { TelemetryGroup } from '../store/store.js';
import { PriceBooks } from '../cost/price-books.js';
import { openTempStore, type TempStore } from '../store/duckdb/temp-store.js';
import { SqlParams } from '../store/duckdb/sql-params.js';
import { CallAssembler } from './call-assembler.js';
import { T0_US, span } from './span-fixture.js';

/*
 * The assembler remembers completed calls in a bounded map; past its bound it forgets them. A call
 * whose spans come again after that (an exporter retrying an old batch) must amend the stored
 * session, not be stored a second time, although the write no longer searches for an earlier
 * revision of every session (exactRevisions): the filter of recently finalised calls says which
 * calls need that search.
 */

const TENANT = 'acme';

function callSpans(traceId: string, callId: string): SpanRecord[] {
  const root = span('call', { id: `${callId}-root`.padEnd(16, '0'), durationMs: 30_000, attrs: { [CallAttr.id]: callId } });
  const child = span('llm', { id: `${callId}-llm`.padEnd(16, '0'), parent: root.spanId, startMs: 1_000, durationMs: 800 });
  return [root, child].map((s) => ({ ...s, traceId }));
}

describe('calls the plane has forgotten completing', () => {
  let temp: TempStore;
  let assembler: CallAssembler;
  const traceA = 'a'.repeat(32);
  const traceB = 'b'.repeat(32);

  async function ingest(spans: SpanRecord[], nowUs: number): Promise<number> {
    const groups: TelemetryGroup[] = [{ tenantId: TENANT, spans, logs: [] }];
    const selection = await assembler.select(groups);
    await temp.store.appendTelemetry(selection.groups);
    assembler.admit(selection.groups, nowUs);
    return selection.groups[0].spans.length;
  }

  let lookups = 0;

  before(async () => {
    temp = await openTempStore();
    const store = temp.store;
    // Counts the store lookups the filter lets through (one per batch with a "maybe").
    const counted = Object.assign(Object.create(store) as typeof store, {
      storedTraces: (traces: Parameters<typeof store.storedTraces>[0]) => {
        lookups++;
        return store.storedTraces(traces);
      },
    });
    assembler = new CallAssembler(
      { graceUs: 1e6, maxCallUs: 3_600e6, lateSpanWindowUs: 3_600e6, maxInFlightCalls: 100, maxRememberedCompleted: 1 },
      counted,
      new PriceBooks([]),
    );
    // As at start: nothing completed in the last hour (an empty store).
    assembler.restore([], [], T0_US, T0_US - 3_600e6);
  });
  after(async () => temp.dispose());

  it('a call sent again after it was forgotten amends its session instead of counting twice', async () => {
    const t = T0_US + 60e6;
    await ingest(callSpans(traceA, 'call-a'), t);
    assert.equal((await assembler.finalizeDue(t + 2e6)).length, 1);
    await ingest(callSpans(traceB, 'call-b'), t + 3e6);
    assert.equal((await assembler.finalizeDue(t + 5e6)).length, 1);
    assert.equal(lookups, 0, 'new calls the filter covers are written without a lookup');

    // The completed map holds one call, so call A is forgotten: its spans are accepted as new…
    assert.equal(await ingest(callSpans(traceA, 'call-a'), t + 6e6), 2);
    const [amended] = await assembler.finalizeDue(t + 8e6);
    // …but the filter knows A was finalised, so the stored revision is looked up and replaced.
    assert.equal(amended.traceId, traceA);
    assert.equal(amended.revision, 2);
    assert.equal(lookups, 1);

    const rows = await temp.store.readRows('SELECT trace_id, revision FROM sessions ORDER BY trace_id', new SqlParams());
    assert.deepEqual(
      rows.map((r) => [r.trace_id, r.revision]),
      [
        [traceA, 2],
        [traceB, 1],
      ],
    );
    const kpis = await temp.store.kpiSummary({ tenantId: TENANT, fromUs: T0_US - 3_600e6, toUs: T0_US + 3_600e6 }, null);
    assert.equal(kpis.calls, 2);
  });
});
