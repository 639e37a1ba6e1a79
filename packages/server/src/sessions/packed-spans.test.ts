import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ResourceInfo, SpanRecord } from '../model/telemetry-records.js';
import { decodeProtobufTraces } from '../ingest/otlp/protobuf/decode-protobuf-traces.js';
import { recordVoiceCalls } from '../bench/record-voice-calls.js';
import { PackedSpans } from './packed-spans.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const ENGINE: ResourceInfo = { attributes: { 'service.name': 'voice-engine' }, serviceName: 'voice-engine' };
const API: ResourceInfo = { attributes: { 'service.name': 'api', 'k8s.pod.name': 'api-7' }, serviceName: 'api' };

function record(overrides: Partial<SpanRecord>): SpanRecord {
  return {
    traceId: TRACE,
    spanId: '00f067aa0ba902b7',
    parentSpanId: '',
    name: 'call',
    kind: 1,
    startUs: 1_700_000_000_000_000.5,
    endUs: 1_700_000_030_000_000,
    statusCode: 0,
    statusMessage: '',
    attributes: {},
    events: [],
    resource: ENGINE,
    scopeName: 'lumay',
    ...overrides,
  };
}

function roundTrip(spans: SpanRecord[]): SpanRecord[] {
  const packed = new PackedSpans(spans[0].traceId);
  packed.pack(spans);
  assert.equal(packed.count, spans.length);
  return packed.unpack();
}

describe('packed spans', () => {
  it('unpack the spans of recorded calls exactly as the decoder made them', async () => {
    const calls = await recordVoiceCalls(30, 7, Date.parse('2026-12-01T10:00:00Z'));
    const body = ProtobufTraceSerializer.serializeRequest(calls.flat());
    assert.ok(body);
    const byTrace = new Map<string, SpanRecord[]>();
    for (const span of decodeProtobufTraces(Buffer.from(body)).records) {
      const list = byTrace.get(span.traceId) ?? [];
      list.push(span);
      byTrace.set(span.traceId, list);
    }
    assert.equal(byTrace.size, 30);
    let bytes = 0;
    let spans = 0;
    for (const list of byTrace.values()) {
      const packed = new PackedSpans(list[0].traceId);
      // In batches, as a call in progress packs what arrived since the last time.
      for (let i = 0; i < list.length; i += 7) packed.pack(list.slice(i, i + 7));
      assert.deepStrictEqual(packed.unpack(), list);
      assert.equal(packed.minStartUs, Math.min(...list.map((s) => s.startUs)));
      bytes += packed.byteLength;
      spans += list.length;
    }
    // The point of packing: well under the ~600 bytes of heap a decoded span takes.
    assert.ok(bytes / spans < 400, `${(bytes / spans).toFixed(0)} bytes a span`);
  });

  it('keep every kind of attribute value, events, ids that are not hex and each span its own resource', () => {
    const spans = [
      record({
        attributes: {
          '': 'empty key',
          text: 'naïve ☎ 😀',
          empty: '',
          zero: 0,
          negativeZero: -0,
          notANumber: NaN,
          minusInfinity: -Infinity,
          fraction: 0.1,
          largest: Number.MAX_SAFE_INTEGER,
          negative: -(2 ** 53 - 1),
          unsafe: 2 ** 60,
          yes: true,
          no: false,
          nothing: null,
          list: [1, 'a', [true, null], { inner: { deeper: [] } }],
          map: { constructor: 'own', n: 2 },
          long: 'x'.repeat(50_000),
          huge: 'é'.repeat(800_000),
        },
        events: [{ name: 'barge-in', timeUs: 1_700_000_001_000_000, attributes: { 'lumay.turn.number': 3 } }],
        statusCode: 2,
        statusMessage: 'échec: délai dépassé',
      }),
      record({ spanId: 'not-a-hex-id', parentSpanId: 'ABCDEF0123456789', name: '', kind: 3, resource: API, scopeName: '' }),
      record({ spanId: '1111111111111111', parentSpanId: '00f067aa0ba902b7', startUs: -5, endUs: 0 }),
    ];
    const back = roundTrip(spans);
    assert.deepStrictEqual(back, spans);
    assert.ok(Object.is(back[0].attributes.negativeZero, -0));
    assert.equal(back[1].resource, API, 'the resource object itself, shared, not a copy');
    assert.equal(back[2].resource, ENGINE);
  });

  it('keep a key named __proto__ as an own attribute, not the prototype', () => {
    const attributes = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as SpanRecord['attributes'];
    const [back] = roundTrip([record({ attributes })]);
    assert.deepStrictEqual(Object.keys(back.attributes), ['__proto__', 'a']);
    assert.equal(Object.getPrototypeOf(back.attributes), Object.prototype);
    assert.deepStrictEqual(back.attributes['__proto__'], { polluted: true });
  });

  it('write keys past the shared key table in full', () => {
    const attributes: SpanRecord['attributes'] = {};
    for (let i = 0; i < 20_000; i++) attributes[`k${i}`] = i;
    const [back] = roundTrip([record({ attributes })]);
    assert.deepStrictEqual(back.attributes, attributes);
  });

  it('turn a lone surrogate into U+FFFD, as the way into DuckDB does', () => {
    const [back] = roundTrip([record({ attributes: { text: 'a\ud800b' } })]);
    assert.equal(back.attributes.text, 'a\ufffdb');
  });

  it('keep a long call in a few buffers however many times it packed', () => {
    const packed = new PackedSpans(TRACE);
    const spans: SpanRecord[] = [];
    for (let i = 0; i < 1000; i++) {
      const batch = [record({ spanId: i.toString(16).padStart(16, '0'), parentSpanId: '00f067aa0ba902b7', attributes: { 'lumay.turn.number': i } })];
      packed.pack(batch);
      spans.push(...batch);
    }
    assert.ok(packed.chunkCount <= 12, `${packed.chunkCount} chunks`);
    assert.deepStrictEqual(packed.unpack(), spans);
  });
});
