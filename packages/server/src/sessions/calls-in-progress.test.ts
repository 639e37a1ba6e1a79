import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { StageAttr } from '@lumay/conventions';
import type { CallSession } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { PriceBooks } from '../cost/price-books.js';
import { decodeProtobufTraces } from '../ingest/otlp/protobuf/decode-protobuf-traces.js';
import { recordVoiceCalls } from '../bench/record-voice-calls.js';
import { CallAssembler, type AssemblerStore } from './call-assembler.js';
import { span } from './span-fixture.js';

/*
 * A call still in progress (no root span yet) packs the spans it has held for a while
 * (packed-spans.ts). Nothing else may change: the session built from packed spans is the one
 * built from decoded spans, retries of packed spans are duplicates, and a call recognised only
 * by its packed spans is still a call.
 */

const TENANT = 'acme';
const GRACE_US = 1e6;
const T0_US = Date.parse('2026-12-01T10:00:00Z') * 1000;

const EMPTY_STORE: AssemblerStore = {
  saveSessions: () => Promise.resolve(),
  spansOfTrace: () => Promise.resolve([]),
  sessionOfTrace: () => Promise.resolve(null),
  logsOfTrace: () => Promise.resolve([]),
  storedTraces: () => Promise.resolve([]),
};

function startAssembler(): CallAssembler {
  const assembler = new CallAssembler(
    { graceUs: GRACE_US, maxCallUs: 3_600e6, lateSpanWindowUs: 3_600e6, maxInFlightCalls: 10_000, maxRememberedCompleted: 10_000 },
    EMPTY_STORE,
    new PriceBooks([]),
  );
  assembler.restore([], [], T0_US, T0_US - assembler.finishedHorizonUs);
  return assembler;
}

async function admit(assembler: CallAssembler, spans: SpanRecord[], nowUs: number): Promise<number> {
  const selection = await assembler.select([{ tenantId: TENANT, spans, logs: [] }]);
  assembler.admit(selection, nowUs);
  return selection.groups[0].spans.length;
}

async function finalise(assembler: CallAssembler, nowUs: number): Promise<CallSession[]> {
  const { sessions } = await assembler.buildSessions(assembler.takeDue(nowUs), nowUs);
  return sessions.sort((a, b) => (a.traceId < b.traceId ? -1 : 1));
}

let recording: Uint8Array | undefined;

/** The same recorded calls each time (the SDK's ids are random), freshly decoded from the official SDK's encoding. */
async function recordedSpans(): Promise<SpanRecord[]> {
  recording ??= ProtobufTraceSerializer.serializeRequest((await recordVoiceCalls(25, 11, T0_US / 1000)).flat());
  assert.ok(recording);
  return decodeProtobufTraces(Buffer.from(recording)).records;
}

describe('calls in progress', () => {
  it('pack their spans, and the sessions built from them are those built from decoded spans', async () => {
    const packing = startAssembler();
    const decoded = startAssembler();
    for (const assembler of [packing, decoded]) {
      const spans = await recordedSpans();
      await admit(
        assembler,
        spans.filter((s) => s.parentSpanId !== ''),
        T0_US,
      );
      // Only the first assembler's clock passes the packing delay before the roots come.
      if (assembler === packing) await assembler.packCallsInProgress(T0_US + 3e6);
      await admit(
        assembler,
        spans.filter((s) => s.parentSpanId === ''),
        T0_US + 3e6,
      );
    }
    const held = packing.countInFlightSpans();
    assert.equal(held.decoded, 25, 'the roots, which came after packing, stay decoded');
    assert.ok(held.packed > 25 * 10, `${held.packed} spans packed`);
    assert.deepStrictEqual(decoded.countInFlightSpans(), { decoded: held.decoded + held.packed, packed: 0 });

    const [live] = packing.liveCalls(TENANT, 1);
    const [liveDecoded] = decoded.liveCalls(TENANT, 1);
    assert.deepStrictEqual(live, liveDecoded, 'the live view counts and dates packed spans too');

    const done = T0_US + 3e6 + GRACE_US;
    const sessions = await finalise(packing, done);
    assert.equal(sessions.length, 25);
    assert.deepStrictEqual(sessions, await finalise(decoded, done));
  });

  it('recognise a retry of a packed span as a duplicate', async () => {
    const assembler = startAssembler();
    const spans = (await recordedSpans()).filter((s) => s.parentSpanId !== '');
    const sent = await admit(assembler, spans, T0_US);
    await assembler.packCallsInProgress(T0_US + 3e6);
    assert.equal(assembler.countInFlightSpans().packed, sent);
    assert.equal(await admit(assembler, await recordedSpans().then((all) => all.filter((s) => s.parentSpanId !== '')), T0_US + 4e6), 0);
  });

  it('keep a call whose only call attributes are on packed spans', async () => {
    const assembler = startAssembler();
    const root = span('POST /voice', { id: 'aaaaaaaaaaaaaaaa', durationMs: 20_000 });
    const stt = span('stt', { id: 'bbbbbbbbbbbbbbbb', parent: root.spanId, startMs: 1_000, durationMs: 300, attrs: { [StageAttr.stage]: 'stt' } });
    await admit(assembler, [stt], T0_US);
    await assembler.packCallsInProgress(T0_US + 3e6);
    assert.deepStrictEqual(assembler.countInFlightSpans(), { decoded: 0, packed: 1 });
    await admit(assembler, [root], T0_US + 3e6);
    const [session] = await finalise(assembler, T0_US + 3e6 + GRACE_US);
    assert.equal(session?.spanCount, 2);
    assert.equal(assembler.notCallTraces, 0);
  });

  it('do not pack spans that have waited less than the packing delay, nor those of a call that has ended', async () => {
    const assembler = startAssembler();
    const spans = await recordedSpans();
    await admit(assembler, spans.filter((s) => s.parentSpanId !== '').slice(0, 10), T0_US);
    await assembler.packCallsInProgress(T0_US + 1e6);
    assert.equal(assembler.countInFlightSpans().packed, 0);

    const ended = startAssembler();
    await admit(ended, spans, T0_US);
    await ended.packCallsInProgress(T0_US + 3e6);
    assert.deepStrictEqual(ended.countInFlightSpans(), { decoded: spans.length, packed: 0 });
  });
});
