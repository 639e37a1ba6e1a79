import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { SpanRecord } from '../../../model/telemetry-records.js';
import { OtlpDecodeError } from '../otlp-decode-error.js';
import { SPAN_CASES, recordCase } from '../sdk-trace-cases.js';
import { decodeProtobufTraces } from './decode-protobuf-traces.js';
import { type Field, bytes, encode, fixed32, fixed64, keyValue, message, string, unknownFields, varint } from './protobuf-test-builder.js';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
const PARENT = 'eee19b7ec3c1b173';
const START_NS = 1_700_000_000_123_456_789n;

/** A Span with valid ids, name 'op' and times, plus `extra` fields (later fields override earlier ones). */
const span = (...extra: Field[]): Field =>
  message(2, bytes(1, TRACE), bytes(2, SPAN), string(5, 'op'), fixed64(7, START_NS), fixed64(8, START_NS + 1000n), ...extra);
const scopeSpans = (...fields: Field[]): Field => message(2, ...fields);
const resourceSpans = (...fields: Field[]): Field => message(1, ...fields);
const resource = (...attributes: Field[]): Field => message(1, ...attributes);
const request = (...spans: Field[]): Uint8Array => encode(resourceSpans(scopeSpans(...spans)));

const expected = (overrides: Partial<SpanRecord>): SpanRecord => ({
  traceId: TRACE,
  spanId: SPAN,
  parentSpanId: '',
  name: 'op',
  kind: 0,
  startUs: 1_700_000_000_123_456,
  endUs: 1_700_000_000_123_457,
  statusCode: 0,
  statusMessage: '',
  attributes: {},
  events: [],
  resource: { attributes: {}, serviceName: '' },
  scopeName: '',
  ...overrides,
});

describe('decodeProtobufTraces on bytes from the official OTLP serializer', () => {
  for (const testCase of SPAN_CASES) {
    it(testCase.reason, async () => {
      const bytesOut = ProtobufTraceSerializer.serializeRequest(await recordCase(testCase));
      assert.ok(bytesOut);
      assert.deepStrictEqual(decodeProtobufTraces(bytesOut), { records: testCase.expected, rejected: 0, errors: [] });
    });
  }

  it('shares one ResourceInfo object among the spans of one ResourceSpans', async () => {
    const multi = SPAN_CASES.find((c) => c.resources !== undefined);
    assert.ok(multi);
    const { records } = decodeProtobufTraces(ProtobufTraceSerializer.serializeRequest(await recordCase(multi)) ?? new Uint8Array());
    assert.equal(records[0].resource, records[1].resource);
    assert.notEqual(records[0].resource, records[2].resource);
  });
});

describe('decodeProtobufTraces on hand-made messages', () => {
  const cases: { reason: string; body: Uint8Array; records: SpanRecord[] }[] = [
    { reason: 'an empty request is a valid export of nothing', body: new Uint8Array(), records: [] },
    {
      reason: 'unknown fields of every wire type are skipped at every level',
      body: encode(
        ...unknownFields(),
        resourceSpans(
          ...unknownFields(),
          message(1, ...unknownFields(), keyValue(1, 'service.name', ...unknownFields(), string(1, 'svc'))),
          scopeSpans(
            ...unknownFields(),
            message(1, ...unknownFields(), string(1, 'scope')),
            span(
              ...unknownFields(),
              message(11, ...unknownFields(), string(2, 'ev'), fixed64(1, START_NS)),
              message(15, ...unknownFields(), varint(3, 2)),
            ),
          ),
        ),
      ),
      records: [
        expected({
          resource: { attributes: { 'service.name': 'svc' }, serviceName: 'svc' },
          scopeName: 'scope',
          statusCode: 2,
          events: [{ name: 'ev', timeUs: 1_700_000_000_123_456, attributes: {} }],
        }),
      ],
    },
    {
      reason: 'deprecated fields (instrumentation_library_spans, Status.deprecated_code) are skipped',
      body: encode(resourceSpans(message(1000, message(2, span())), scopeSpans(span(message(15, varint(1, 2), string(2, 'msg')))))),
      records: [expected({ statusMessage: 'msg' })],
    },
    {
      reason: 'fields we do not keep (trace_state, dropped counts, links, flags) are skipped',
      body: request(
        span(
          string(3, 'vendor=1'),
          varint(10, 3),
          varint(12, 4),
          message(13, bytes(1, TRACE), bytes(2, PARENT), keyValue(4, 'link.attr', string(1, 'x'))),
          varint(14, 5),
          fixed32(16, 0x301),
        ),
      ),
      records: [expected({})],
    },
    {
      reason: 'a resource and a scope written after their spans still apply to them',
      body: encode(
        resourceSpans(
          scopeSpans(span(), span(string(5, 'second')), message(1, string(1, 'late-scope'))),
          resource(keyValue(1, 'service.name', string(1, 'late'))),
        ),
      ),
      records: [
        expected({ scopeName: 'late-scope', resource: { attributes: { 'service.name': 'late' }, serviceName: 'late' } }),
        expected({ name: 'second', scopeName: 'late-scope', resource: { attributes: { 'service.name': 'late' }, serviceName: 'late' } }),
      ],
    },
    {
      reason: 'a child keeps its parent id; eight zero bytes as parent mean a root',
      body: request(span(bytes(4, PARENT)), span(bytes(4, '0000000000000000'))),
      records: [expected({ parentSpanId: PARENT }), expected({})],
    },
    {
      reason: 'ids are lowercase hex whatever the bytes',
      body: request(span(bytes(1, 'ABCDEF0123456789ABCDEF0123456789'), bytes(2, 'FFFFFFFFFFFFFFFF'))),
      records: [expected({ traceId: 'abcdef0123456789abcdef0123456789', spanId: 'ffffffffffffffff' })],
    },
    {
      reason: 'an enum value this decoder does not know is kept, as proto3 requires',
      body: request(span(varint(6, 9), message(15, varint(3, 7)))),
      records: [expected({ kind: 9, statusCode: 7 })],
    },
    {
      reason: 'a non-service.name string and a non-string service.name give serviceName ""',
      body: encode(resourceSpans(resource(keyValue(1, 'service.name', varint(3, 5))), scopeSpans(span()))),
      records: [expected({ resource: { attributes: { 'service.name': 5 }, serviceName: '' } })],
    },
    {
      reason: 'a span without times or name decodes to zeros and ""',
      body: request(message(2, bytes(1, TRACE), bytes(2, SPAN))),
      records: [expected({ name: '', startUs: 0, endUs: 0 })],
    },
    {
      reason: 'start and end times of 2^64-1 ns (the largest fixed64) do not overflow into garbage',
      body: request(span(fixed64(7, 2n ** 64n - 1n), fixed64(8, 0n))),
      records: [expected({ startUs: Number((2n ** 64n - 1n) / 1000n), endUs: 0 })],
    },
  ];
  for (const { reason, body, records } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(decodeProtobufTraces(body), { records, rejected: 0, errors: [] });
    });
  }
});

describe('decodeProtobufTraces rejects spans with unusable ids and keeps the rest', () => {
  const cases: { reason: string; bad: Field; error: string }[] = [
    { reason: 'a trace id of 8 bytes', bad: span(bytes(1, SPAN)), error: 'trace_id is 8 bytes, expected 16' },
    { reason: 'no trace id at all', bad: message(2, bytes(2, SPAN)), error: 'trace_id is 0 bytes, expected 16' },
    { reason: 'an all-zero trace id is invalid per W3C', bad: span(bytes(1, '0'.repeat(32))), error: 'trace_id is all zeros' },
    { reason: 'a span id of 4 bytes', bad: span(bytes(2, 'aabbccdd')), error: 'span_id is 4 bytes, expected 8' },
    { reason: 'an all-zero span id', bad: span(bytes(2, '0'.repeat(16))), error: 'span_id is all zeros' },
    {
      reason: 'a parent id of 3 bytes',
      bad: span(bytes(4, 'aabbcc')),
      error: 'parent_span_id is 3 bytes, expected 0 (root) or 8',
    },
  ];
  for (const { reason, bad, error } of cases) {
    it(reason, () => {
      const batch = decodeProtobufTraces(request(span(), bad, span(string(5, 'after'))));
      assert.deepStrictEqual(batch, {
        records: [expected({}), expected({ name: 'after' })],
        rejected: 1,
        errors: [`resource_spans[0].scope_spans[0].spans[1]: ${error}`],
      });
    });
  }

  it('counts every rejected span but keeps only the first five reasons', () => {
    const bad = Array.from({ length: 8 }, () => span(bytes(1, SPAN)));
    const batch = decodeProtobufTraces(request(...bad));
    assert.equal(batch.rejected, 8);
    assert.deepStrictEqual(
      batch.errors,
      [0, 1, 2, 3, 4].map((i) => `resource_spans[0].scope_spans[0].spans[${i}]: trace_id is 8 bytes, expected 16`),
    );
  });
});

describe('decodeProtobufTraces throws OtlpDecodeError on malformed messages', () => {
  const valid = request(span(keyValue(9, 'attr', string(1, 'value'))));
  const cases: { reason: string; body: Uint8Array; message: RegExp }[] = [
    {
      reason: 'a body cut inside Span.attributes: the enclosing lengths point past the end',
      body: valid.subarray(0, valid.length - 3),
      message: /^truncated message at byte \d+ in ExportTraceServiceRequest\.resource_spans: length \d+ but only \d+ bytes left$/,
    },
    {
      reason: 'a KeyValue whose length runs past its Span',
      // Span { attributes (field 9): length 5, but the span ends after 2 bytes }
      body: encode(resourceSpans(scopeSpans(message(2, (w) => w.uint32((9 << 3) | 2).uint32(5).uint32(0))))),
      message: /^truncated message at byte 7 in Span\.attributes: length 5 but only 1 bytes left$/,
    },
    { reason: 'a varint cut after a continuation byte', body: Uint8Array.of(0x18, 0x80), message: /^truncated varint at byte 1 in ExportTraceServiceRequest$/ },
    {
      reason: 'Span.name sent as a varint',
      body: request(message(2, varint(5, 1))),
      message: /^wrong wire type 0 for Span\.name at byte 6 \(expected 2\)$/,
    },
    {
      reason: 'a known field with another wire type is an error even at the top level',
      body: Uint8Array.of(0x08, 0x01),
      message: /^wrong wire type 0 for ExportTraceServiceRequest\.resource_spans at byte 0 \(expected 2\)$/,
    },
    {
      reason: 'Span.start_time_unix_nano sent as fixed32',
      body: request(message(2, fixed32(7, 1))),
      message: /^wrong wire type 5 for Span\.start_time_unix_nano/,
    },
    {
      reason: 'a fixed64 cut short inside an event',
      body: request(message(2, message(11, (w) => w.uint32((1 << 3) | 1).uint32(1)))),
      message: /^truncated fixed64 at byte \d+ in Span\.Event\.time_unix_nano$/,
    },
    { reason: 'field number 0', body: Uint8Array.of(0x00, 0x00), message: /^invalid field number 0 at byte 0/ },
    { reason: 'wire type 7 does not exist', body: Uint8Array.of(0x1f), message: /^invalid wire type 7 at byte 1 in ExportTraceServiceRequest$/ },
    { reason: 'an end-group tag without a group', body: Uint8Array.of(0x1c), message: /^invalid wire type 4 at byte 1/ },
    {
      reason: 'a group that never ends',
      body: encode((w) => w.uint32((5 << 3) | 3).uint32(8).uint32(1)),
      message: /^truncated group/,
    },
    {
      reason: 'a group closed with another field number',
      body: encode((w) => w.uint32((5 << 3) | 3).uint32((6 << 3) | 4)),
      message: /^mismatched end of group/,
    },
    {
      reason: 'a varint longer than 10 bytes',
      // A Span (written as raw bytes) whose kind varint has eleven continuation bytes.
      body: request(bytes(2, `30${'ff'.repeat(11)}01`)),
      message: /^varint longer than 10 bytes at byte 7 in Span\.kind$/,
    },
    {
      reason: 'a length that does not fit 32 bits',
      body: Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0xff, 0x7f),
      message: /^varint at byte 1 in ExportTraceServiceRequest\.resource_spans does not fit 32 bits$/,
    },
    {
      reason: 'AnyValue nested deeper than any real attribute',
      body: request(span(message(9, string(1, 'deep'), nestedArray(150)))),
      message: /^AnyValue nested deeper than 100 levels$/,
    },
  ];
  for (const { reason, body, message: pattern } of cases) {
    it(reason, () => {
      assert.throws(
        () => decodeProtobufTraces(body),
        (error: unknown) => error instanceof OtlpDecodeError && error.statusCode === 400 && pattern.test(error.message),
      );
    });
  }

  it('throws only OtlpDecodeError, never anything else, for every prefix of a valid request', () => {
    const full = request(span(keyValue(9, 'a', message(5, message(1, string(1, 'x')))), message(11, string(2, 'e'))));
    for (let cut = 0; cut < full.length; cut++) {
      try {
        decodeProtobufTraces(full.subarray(0, cut));
      } catch (error) {
        assert.ok(error instanceof OtlpDecodeError, `cut at ${cut}: ${String(error)}`);
      }
    }
  });

  it('throws only OtlpDecodeError for random garbage', () => {
    let seed = 12345;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const garbage = Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      try {
        decodeProtobufTraces(garbage);
      } catch (error) {
        assert.ok(error instanceof OtlpDecodeError, `garbage ${Buffer.from(garbage).toString('hex')}: ${String(error)}`);
      }
    }
  });
});

/** An AnyValue holding `depth` nested array_values. */
function nestedArray(depth: number): Field {
  let value: Field = string(1, 'leaf');
  for (let i = 0; i < depth; i++) value = message(5, message(1, value));
  return message(2, value);
}
