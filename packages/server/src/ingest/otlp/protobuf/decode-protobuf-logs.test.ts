import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { LogRecordEntry } from '../../../model/telemetry-records.js';
import { OtlpDecodeError } from '../otlp-decode-error.js';
import { LOG_CASES, LOG_RESOURCE, emitLogCases } from '../sdk-log-cases.js';
import { decodeProtobufLogs } from './decode-protobuf-logs.js';
import { type Field, bytes, encode, fixed32, fixed64, keyValue, message, string, unknownFields, varint } from './protobuf-test-builder.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
const TIME_NS = 1_700_000_000_000_001_999n;

const request = (...logRecords: Field[]): Uint8Array =>
  encode(message(1, message(1, keyValue(1, 'service.name', string(1, 'svc'))), message(2, ...logRecords.map((fields) => fields))));
const logRecord = (...fields: Field[]): Field => message(2, ...fields);
const expected = (overrides: Partial<LogRecordEntry>): LogRecordEntry => ({
  traceId: '',
  spanId: '',
  timeUs: 0,
  severityNumber: 0,
  severityText: '',
  body: '',
  attributes: {},
  resource: { attributes: { 'service.name': 'svc' }, serviceName: 'svc' },
  ...overrides,
});

describe('decodeProtobufLogs on bytes from the official OTLP serializer', () => {
  for (const testCase of LOG_CASES) {
    it(testCase.reason, async () => {
      const body = ProtobufLogsSerializer.serializeRequest(await emitLogCases([testCase]));
      assert.ok(body);
      assert.deepStrictEqual(decodeProtobufLogs(body), {
        records: [{ ...testCase.expected, resource: LOG_RESOURCE }],
        rejected: 0,
        errors: [],
      });
    });
  }

  it('shares one ResourceInfo object among the records of one ResourceLogs', async () => {
    const { records } = decodeProtobufLogs(ProtobufLogsSerializer.serializeRequest(await emitLogCases(LOG_CASES)) ?? new Uint8Array());
    assert.equal(records.length, LOG_CASES.length);
    for (const record of records) assert.equal(record.resource, records[0].resource);
  });
});

describe('decodeProtobufLogs on hand-made messages', () => {
  const cases: { reason: string; fields: Field[]; record: LogRecordEntry }[] = [
    {
      reason: 'observed_time_unix_nano is the time when time_unix_nano is unset',
      fields: [fixed64(11, TIME_NS)],
      record: expected({ timeUs: 1_700_000_000_000_001 }),
    },
    {
      reason: 'time_unix_nano wins over observed_time_unix_nano, whatever the order',
      fields: [fixed64(11, TIME_NS + 5_000_000n), fixed64(1, TIME_NS)],
      record: expected({ timeUs: 1_700_000_000_000_001 }),
    },
    {
      reason: 'all-zero trace and span ids mean "no trace"',
      fields: [bytes(9, '0'.repeat(32)), bytes(10, '0'.repeat(16))],
      record: expected({}),
    },
    {
      reason: 'ids are lowercase hex',
      fields: [bytes(9, TRACE.toUpperCase()), bytes(10, SPAN)],
      record: expected({ traceId: TRACE, spanId: SPAN }),
    },
    {
      reason: 'a bool body, a kvlist body with bytes inside, and severity',
      fields: [varint(2, 17), string(3, 'ERROR'), message(5, message(6, keyValue(1, 'raw', bytes(7, 'ff'))))],
      record: expected({ severityNumber: 17, severityText: 'ERROR', body: '{"raw":"/w=="}' }),
    },
    {
      reason: 'unknown, removed (4) and unkept (flags, dropped count, event_name) fields are skipped',
      fields: [...unknownFields(), varint(4, 1), fixed32(8, 1), varint(7, 2), string(12, 'call.ended'), string(3, 'INFO')],
      record: expected({ severityText: 'INFO' }),
    },
  ];
  for (const { reason, fields, record } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(decodeProtobufLogs(request(logRecord(...fields))), { records: [record], rejected: 0, errors: [] });
    });
  }

  it('rejects records whose ids have an impossible length and keeps the others', () => {
    const batch = decodeProtobufLogs(
      request(logRecord(string(3, 'a')), logRecord(bytes(9, SPAN)), logRecord(bytes(10, TRACE)), logRecord(string(3, 'b'))),
    );
    assert.deepStrictEqual(batch, {
      records: [expected({ severityText: 'a' }), expected({ severityText: 'b' })],
      rejected: 2,
      errors: [
        'resource_logs[0].scope_logs[0].log_records[1]: trace_id is 8 bytes, expected 0 or 16',
        'resource_logs[0].scope_logs[0].log_records[2]: span_id is 16 bytes, expected 0 or 8',
      ],
    });
  });

  it('throws OtlpDecodeError naming the field sent with the wrong wire type', () => {
    assert.throws(
      () => decodeProtobufLogs(request(logRecord(string(1, 'not a time')))),
      (error: unknown) => error instanceof OtlpDecodeError && /^wrong wire type 2 for LogRecord\.time_unix_nano/.test(error.message),
    );
  });
});
