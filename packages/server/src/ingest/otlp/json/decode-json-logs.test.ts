import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { LogRecordEntry } from '../../../model/telemetry-records.js';
import { OtlpDecodeError } from '../otlp-decode-error.js';
import { decodeProtobufLogs } from '../protobuf/decode-protobuf-logs.js';
import { LOG_CASES, LOG_RESOURCE, emitLogCases } from '../sdk-log-cases.js';
import { decodeJsonLogs } from './decode-json-logs.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

const request = (...logRecords: unknown[]): string => JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords }] }] });
const expected = (overrides: Partial<LogRecordEntry>): LogRecordEntry => ({
  traceId: '',
  spanId: '',
  timeUs: 0,
  severityNumber: 0,
  severityText: '',
  body: '',
  attributes: {},
  resource: { attributes: {}, serviceName: '' },
  ...overrides,
});

describe('decodeJsonLogs on JSON from the official OTLP serializer', () => {
  for (const testCase of LOG_CASES) {
    it(testCase.reason, async () => {
      const body = JsonLogsSerializer.serializeRequest(await emitLogCases([testCase]));
      assert.ok(body);
      assert.deepStrictEqual(decodeJsonLogs(body), { records: [{ ...testCase.expected, resource: LOG_RESOURCE }], rejected: 0, errors: [] });
    });
  }

  it('gives exactly what the protobuf decoder gives for the same records', async () => {
    const records = await emitLogCases(LOG_CASES);
    assert.deepStrictEqual(
      decodeJsonLogs(JsonLogsSerializer.serializeRequest(records) ?? new Uint8Array()),
      decodeProtobufLogs(ProtobufLogsSerializer.serializeRequest(records) ?? new Uint8Array()),
    );
  });
});

describe('decodeJsonLogs on hand-written shapes', () => {
  const cases: { reason: string; record: Record<string, unknown>; expected: LogRecordEntry }[] = [
    {
      reason: 'observedTimeUnixNano is the time when timeUnixNano is absent or "0"',
      record: { timeUnixNano: '0', observedTimeUnixNano: '1700000000000001999' },
      expected: expected({ timeUs: 1_700_000_000_000_001 }),
    },
    {
      reason: 'severityNumber by enum name, snake_case keys, base64 ids',
      record: {
        time_unix_nano: 1_700_000_000_000_000_000,
        severity_number: 'SEVERITY_NUMBER_WARN2',
        severity_text: 'WARN',
        trace_id: Buffer.from(TRACE, 'hex').toString('base64'),
        span_id: Buffer.from(SPAN, 'hex').toString('base64'),
        body: { string_value: 'hello' },
      },
      expected: expected({ timeUs: 1_700_000_000_000_000, severityNumber: 14, severityText: 'WARN', traceId: TRACE, spanId: SPAN, body: 'hello' }),
    },
    {
      reason: 'the highest severity name maps to 24',
      record: { severityNumber: 'SEVERITY_NUMBER_FATAL4' },
      expected: expected({ severityNumber: 24 }),
    },
    {
      reason: 'all-zero ids mean "no trace"; unknown fields are ignored',
      record: { traceId: '0'.repeat(32), spanId: '0'.repeat(16), flags: 1, eventName: 'x', novel: {} },
      expected: expected({}),
    },
    {
      reason: 'a bytes body is JSON text (quoted base64), an array body its JSON text',
      record: { body: { arrayValue: { values: [{ bytesValue: 'AQI=' }, { intValue: '3' }] } } },
      expected: expected({ body: '["AQI=",3]' }),
    },
  ];
  for (const { reason, record, expected: want } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(decodeJsonLogs(request(record)), { records: [want], rejected: 0, errors: [] });
    });
  }

  it('rejects a record with an unreadable id and keeps the others', () => {
    assert.deepStrictEqual(decodeJsonLogs(request({ severityText: 'a' }, { traceId: 'xyz' }, { severityText: 'b' })), {
      records: [expected({ severityText: 'a' }), expected({ severityText: 'b' })],
      rejected: 1,
      errors: ['resourceLogs[0].scopeLogs[0].logRecords[1]: traceId "xyz" is neither 32 hex digits nor base64 of 16 bytes'],
    });
  });

  const errors: { reason: string; body: string; message: string }[] = [
    { reason: 'a top-level string', body: '"logs"', message: 'expected a JSON object (an ExportLogsServiceRequest), got the string "logs"' },
    {
      reason: 'a body that is not an AnyValue object',
      body: request({}, { body: 'plain text' }),
      message: 'resourceLogs[0].scopeLogs[0].logRecords[1].body: expected an AnyValue object, got the string "plain text"',
    },
    {
      reason: 'an unknown severity name',
      body: request({ severityNumber: 'LOUD' }),
      message: 'resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber: unknown enum name "LOUD"',
    },
    { reason: 'logRecords that is not an array', body: JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: 1 }] }] }), message: 'resourceLogs[0].scopeLogs[0].logRecords: expected an array, got number 1' },
  ];
  for (const { reason, body, message } of errors) {
    it(`throws OtlpDecodeError for ${reason}`, () => {
      assert.throws(
        () => decodeJsonLogs(body),
        (error: unknown) => error instanceof OtlpDecodeError && error.message === message,
      );
    });
  }
});
