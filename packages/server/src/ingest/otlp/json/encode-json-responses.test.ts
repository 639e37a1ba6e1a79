import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OtlpSignal } from '../../otlp-format.js';
import { encodeJsonExportResponse } from './encode-json-export-response.js';
import { encodeJsonStatus } from './encode-json-status.js';

describe('encodeJsonExportResponse', () => {
  const cases: { reason: string; signal: OtlpSignal; rejected: number; message: string; json: unknown }[] = [
    { reason: 'full success leaves partialSuccess unset', signal: 'traces', rejected: 0, message: '', json: {} },
    {
      reason: 'rejected spans as an int64 decimal string, with the message',
      signal: 'traces',
      rejected: 3,
      message: '3 spans rejected: trace_id is all zeros',
      json: { partialSuccess: { rejectedSpans: '3', errorMessage: '3 spans rejected: trace_id is all zeros' } },
    },
    {
      reason: 'logs use rejectedLogRecords',
      signal: 'logs',
      rejected: 1,
      message: 'bad id',
      json: { partialSuccess: { rejectedLogRecords: '1', errorMessage: 'bad id' } },
    },
    {
      reason: 'a warning without rejections omits the zero count (proto3 JSON omits defaults)',
      signal: 'logs',
      rejected: 0,
      message: 'severity text is deprecated',
      json: { partialSuccess: { errorMessage: 'severity text is deprecated' } },
    },
  ];
  for (const { reason, signal, rejected, message, json } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(JSON.parse(encodeJsonExportResponse(signal, rejected, message).toString('utf8')), json);
    });
  }
});

describe('encodeJsonStatus', () => {
  const cases: { reason: string; code: number; message: string; retryDelaySeconds?: number; json: unknown }[] = [
    { reason: 'code and message', code: 3, message: 'truncated message', json: { code: 3, message: 'truncated message' } },
    { reason: 'code 0 is omitted as a proto3 default', code: 0, message: 'only a message', json: { message: 'only a message' } },
    {
      reason: 'a retry delay becomes a RetryInfo detail in google.protobuf.Any JSON form',
      code: 14,
      message: 'overloaded',
      retryDelaySeconds: 2.5,
      json: { code: 14, message: 'overloaded', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }] },
    },
  ];
  for (const { reason, code, message, retryDelaySeconds, json } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(JSON.parse(encodeJsonStatus(code, message, retryDelaySeconds).toString('utf8')), json);
    });
  }
});
