import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { SpanRecord } from '../../../model/telemetry-records.js';
import { OtlpDecodeError } from '../otlp-decode-error.js';
import { decodeProtobufTraces } from '../protobuf/decode-protobuf-traces.js';
import { SPAN_CASES, recordCase } from '../sdk-trace-cases.js';
import { decodeJsonTraces } from './decode-json-traces.js';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
const PARENT = 'eee19b7ec3c1b173';

/** A valid span in OTLP/JSON, with `fields` added or overriding. */
const span = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  traceId: TRACE,
  spanId: SPAN,
  name: 'op',
  startTimeUnixNano: '1700000000123456789',
  endTimeUnixNano: '1700000000123457789',
  ...fields,
});
const request = (...spans: unknown[]): string => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
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
const base64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');

describe('decodeJsonTraces on JSON from the official OTLP serializer', () => {
  for (const testCase of SPAN_CASES) {
    it(testCase.reason, async () => {
      const body = JsonTraceSerializer.serializeRequest(await recordCase(testCase));
      assert.ok(body);
      assert.deepStrictEqual(decodeJsonTraces(body), { records: testCase.expected, rejected: 0, errors: [] });
    });
  }

  it('gives exactly what the protobuf decoder gives for the same spans', async () => {
    const spans = (await Promise.all(SPAN_CASES.map(recordCase))).flat();
    const fromJson = decodeJsonTraces(JsonTraceSerializer.serializeRequest(spans) ?? new Uint8Array());
    const fromProtobuf = decodeProtobufTraces(ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array());
    assert.equal(fromJson.records.length, spans.length);
    assert.deepStrictEqual(fromJson, fromProtobuf);
  });
});

describe('decodeJsonTraces on hand-written shapes', () => {
  const cases: { reason: string; body: string | Uint8Array; records: SpanRecord[] }[] = [
    { reason: 'an empty object is an export of nothing', body: '{}', records: [] },
    { reason: 'null resourceSpans is an export of nothing', body: '{"resourceSpans":null}', records: [] },
    {
      reason: 'protobuf-JSON base64 ids (padded) are accepted and become hex',
      body: request(span({ traceId: base64(TRACE), spanId: base64(SPAN), parentSpanId: base64(PARENT) })),
      records: [expected({ parentSpanId: PARENT })],
    },
    {
      reason: 'unpadded and URL-alphabet base64 ids are accepted too',
      body: request(
        span({
          // '_____________________w': unpadded, and '_' where standard base64 has '/'.
          traceId: base64('f'.repeat(32)).replace(/=+$/, '').replace(/\//g, '_'),
          spanId: base64(SPAN).replace(/=+$/, ''),
        }),
      ),
      records: [expected({ traceId: 'f'.repeat(32) })],
    },
    {
      reason: 'hex ids are case-insensitive and come out lowercase',
      body: request(span({ traceId: TRACE.toUpperCase(), spanId: SPAN.toUpperCase() })),
      records: [expected({})],
    },
    {
      reason: 'int64 fields as JSON numbers instead of strings',
      body: request(
        span({ startTimeUnixNano: 1_700_000_000_000_000_000, endTimeUnixNano: 1_700_000_000_000_001_000, attributes: [{ key: 'n', value: { intValue: 7 } }] }),
      ),
      records: [expected({ startUs: 1_700_000_000_000_000, endUs: 1_700_000_000_000_001, attributes: { n: 7 } })],
    },
    {
      reason: 'intValue as a string, negative too, and doubles as strings per proto3 JSON',
      body: request(
        span({
          attributes: [
            { key: 'i', value: { intValue: '-42' } },
            { key: 'd', value: { doubleValue: '2.5' } },
            { key: 'nan', value: { doubleValue: 'NaN' } },
            { key: 'inf', value: { doubleValue: '-Infinity' } },
          ],
        }),
      ),
      records: [expected({ attributes: { i: -42, d: 2.5, nan: Number.NaN, inf: -Infinity } })],
    },
    {
      reason: 'enum names where OTLP/JSON wants numbers',
      body: request(span({ kind: 'SPAN_KIND_CLIENT', status: { code: 'STATUS_CODE_ERROR', message: 'failed' } })),
      records: [expected({ kind: 3, statusCode: 2, statusMessage: 'failed' })],
    },
    {
      reason: 'snake_case keys at every level',
      body: JSON.stringify({
        resource_spans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { string_value: 'svc' } }] },
            scope_spans: [
              {
                scope: { name: 'scope' },
                spans: [
                  {
                    trace_id: TRACE,
                    span_id: SPAN,
                    parent_span_id: PARENT,
                    name: 'op',
                    start_time_unix_nano: '1700000000123456789',
                    end_time_unix_nano: '1700000000123457789',
                    attributes: [
                      { key: 'a', value: { array_value: { values: [{ int_value: '1' }, { bool_value: true }] } } },
                      { key: 'k', value: { kvlist_value: { values: [{ key: 'd', value: { double_value: 0.5 } }] } } },
                      { key: 'b', value: { bytes_value: 'AQI=' } },
                    ],
                    events: [{ name: 'e', time_unix_nano: '1700000000123456789' }],
                  },
                ],
              },
            ],
          },
        ],
      }),
      records: [
        expected({
          parentSpanId: PARENT,
          scopeName: 'scope',
          resource: { attributes: { 'service.name': 'svc' }, serviceName: 'svc' },
          attributes: { a: [1, true], k: { d: 0.5 }, b: 'AQI=' },
          events: [{ name: 'e', timeUs: 1_700_000_000_123_456, attributes: {} }],
        }),
      ],
    },
    {
      reason: 'unknown fields are ignored, as the OTLP/JSON spec requires',
      body: JSON.stringify({
        future: 1,
        resourceSpans: [{ schemaUrl: 'x', novel: [1], scopeSpans: [{ spans: [span({ flags: 257, traceState: 'a=b', links: [{}], extra: { deep: true } })] }] }],
      }),
      records: [expected({})],
    },
    {
      reason: 'null fields mean defaults; an all-zero parent id means a root',
      body: request(span({ name: null, kind: null, status: null, attributes: null, events: null, parentSpanId: '0'.repeat(16) })),
      records: [expected({ name: '' })],
    },
    {
      reason: 'AnyValue edge cases: empty object, null value, every variant, unpadded URL-safe bytes normalised',
      body: request(
        span({
          attributes: [
            { key: 'empty', value: {} },
            { key: 'none' },
            { key: 's', value: { stringValue: '' } },
            { key: 'b', value: { boolValue: false } },
            { key: 'bytes', value: { bytesValue: '-_8' } },
            { key: '__proto__', value: { stringValue: 'own property' } },
          ],
        }),
      ),
      records: [
        expected({
          attributes: JSON.parse('{"empty":null,"none":null,"s":"","b":false,"bytes":"+/8=","__proto__":"own property"}') as SpanRecord['attributes'],
        }),
      ],
    },
    {
      reason: 'a UTF-8 byte order mark before the JSON is tolerated',
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(request(span()))]),
      records: [expected({})],
    },
  ];
  for (const { reason, body, records } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(decodeJsonTraces(body), { records, rejected: 0, errors: [] });
    });
  }
});

describe('decodeJsonTraces rejects spans with unusable ids and keeps the rest', () => {
  const cases: { reason: string; fields: Record<string, unknown>; error: string }[] = [
    { reason: 'no trace id', fields: { traceId: undefined }, error: 'traceId is missing' },
    { reason: 'an all-zero trace id', fields: { traceId: '0'.repeat(32) }, error: 'traceId is all zeros' },
    {
      reason: 'a trace id of the right length with a non-hex character',
      fields: { traceId: `${TRACE.slice(0, 31)}g` },
      error: `traceId "${TRACE.slice(0, 31)}g" is neither 32 hex digits nor base64 of 16 bytes`,
    },
    { reason: 'a span-id-sized trace id', fields: { traceId: SPAN }, error: `traceId "${SPAN}" is neither 32 hex digits nor base64 of 16 bytes` },
    { reason: 'no span id', fields: { spanId: '' }, error: 'spanId is missing' },
    { reason: 'an all-zero span id', fields: { spanId: '0'.repeat(16) }, error: 'spanId is all zeros' },
    {
      reason: 'a parent id of the wrong length',
      fields: { parentSpanId: 'abc' },
      error: 'parentSpanId "abc" is neither 16 hex digits nor base64 of 8 bytes',
    },
  ];
  for (const { reason, fields, error } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(decodeJsonTraces(request(span(), span(fields))), {
        records: [expected({})],
        rejected: 1,
        errors: [`resourceSpans[0].scopeSpans[0].spans[1]: ${error}`],
      });
    });
  }
});

describe('decodeJsonTraces throws OtlpDecodeError naming the broken path', () => {
  const nested = (spanFields: Record<string, unknown>): string =>
    JSON.stringify({ resourceSpans: [{}, { scopeSpans: [{}, { spans: [span(), span(), span(), span(spanFields)] }] }] });
  const cases: { reason: string; body: string; message: string | RegExp }[] = [
    { reason: 'not JSON at all', body: '{"resourceSpans": [', message: /^invalid JSON: / },
    { reason: 'a top-level array', body: '[]', message: 'expected a JSON object (an ExportTraceServiceRequest), got an array' },
    { reason: 'resourceSpans that is not an array', body: '{"resourceSpans":{}}', message: 'resourceSpans: expected an array, got an object' },
    { reason: 'a span that is not an object', body: request(span(), 'span'), message: 'resourceSpans[0].scopeSpans[0].spans[1]: expected an object, got the string "span"' },
    {
      reason: 'a timestamp that is not an integer string',
      body: nested({ startTimeUnixNano: '17e8' }),
      message: 'resourceSpans[1].scopeSpans[1].spans[3].startTimeUnixNano: expected an integer string, got "17e8"',
    },
    {
      reason: 'a negative timestamp number',
      body: nested({ endTimeUnixNano: -1 }),
      message: 'resourceSpans[1].scopeSpans[1].spans[3].endTimeUnixNano: expected an integer string, got number -1',
    },
    {
      reason: 'an intValue with a fraction',
      body: nested({ attributes: [{ key: 'ok', value: { intValue: 1 } }, { key: 'bad', value: { intValue: 1.5 } }] }),
      message: 'resourceSpans[1].scopeSpans[1].spans[3].attributes[1].value.intValue: expected an integer or integer string, got number 1.5',
    },
    {
      reason: 'a bad value deep inside arrays and kvlists',
      body: nested({
        attributes: [{ key: 'a', value: { arrayValue: { values: [{ kvlistValue: { values: [{ key: 'x', value: { boolValue: 'yes' } }] } }] } } }],
      }),
      message: 'resourceSpans[1].scopeSpans[1].spans[3].attributes[0].value.arrayValue.values[0].kvlistValue.values[0].value.boolValue: expected true or false, got the string "yes"',
    },
    { reason: 'an unknown enum name', body: nested({ kind: 'SPAN_KIND_BOGUS' }), message: 'resourceSpans[1].scopeSpans[1].spans[3].kind: unknown enum name "SPAN_KIND_BOGUS"' },
    { reason: 'a name that is not a string', body: nested({ name: 5 }), message: 'resourceSpans[1].scopeSpans[1].spans[3].name: expected a string, got number 5' },
    { reason: 'an id that is not a string', body: nested({ traceId: 12 }), message: 'resourceSpans[1].scopeSpans[1].spans[3].traceId: expected a hex string, got number 12' },
    {
      reason: 'an attribute entry that is not a key/value object',
      body: nested({ attributes: ['k=v'] }),
      message: 'resourceSpans[1].scopeSpans[1].spans[3].attributes[0]: expected a {"key", "value"} object, got the string "k=v"',
    },
    {
      reason: 'an event time of the wrong type',
      body: nested({ events: [{ name: 'e', timeUnixNano: true }] }),
      message: 'resourceSpans[1].scopeSpans[1].spans[3].events[0].timeUnixNano: expected an integer string, got boolean true',
    },
    {
      reason: 'a resource attribute of the wrong shape',
      body: JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: 'svc' }] } }] }),
      message: 'resourceSpans[0].resource.attributes[0].value: expected an AnyValue object, got the string "svc"',
    },
  ];
  for (const { reason, body, message } of cases) {
    it(reason, () => {
      assert.throws(
        () => decodeJsonTraces(body),
        (error: unknown) =>
          error instanceof OtlpDecodeError &&
          error.statusCode === 400 &&
          (typeof message === 'string' ? error.message === message : message.test(error.message)),
      );
    });
  }
});
