import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtobufLogsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import protobuf from 'protobufjs/minimal.js';
import { encodeProtobufExportResponse } from './encode-protobuf-export-response.js';
import { encodeProtobufStatus } from './encode-protobuf-status.js';

describe('encodeProtobufExportResponse, read back by the official exporters’ response decoders', () => {
  const cases: { reason: string; rejected: number; message: string; partialSuccess: unknown }[] = [
    { reason: 'full success is an empty message: partial_success unset', rejected: 0, message: '', partialSuccess: undefined },
    { reason: 'rejections with a message', rejected: 3, message: 'trace_id is all zeros', partialSuccess: { rejected: 3, errorMessage: 'trace_id is all zeros' } },
    { reason: 'a count beyond 32 bits', rejected: 2 ** 40, message: 'x', partialSuccess: { rejected: 2 ** 40, errorMessage: 'x' } },
    { reason: 'a warning without rejections', rejected: 0, message: 'note', partialSuccess: { rejected: 0, errorMessage: 'note' } },
  ];
  for (const { reason, rejected, message, partialSuccess } of cases) {
    it(reason, () => {
      const bytes = encodeProtobufExportResponse(rejected, message);
      const trace = ProtobufTraceSerializer.deserializeResponse(bytes);
      const logs = ProtobufLogsSerializer.deserializeResponse(bytes);
      if (partialSuccess === undefined) {
        assert.equal(bytes.length, 0);
        assert.equal(trace.partialSuccess, undefined);
        return;
      }
      const { rejected: count, errorMessage } = partialSuccess as { rejected: number; errorMessage: string };
      assert.equal(Number(trace.partialSuccess?.rejectedSpans ?? 0), count);
      assert.equal(trace.partialSuccess?.errorMessage, errorMessage);
      assert.equal(Number(logs.partialSuccess?.rejectedLogRecords ?? 0), count);
      assert.equal(logs.partialSuccess?.errorMessage, errorMessage);
    });
  }
});

/** google.rpc.Status read back with protobufjs's Reader: code, message and each detail's type_url and value. */
function readStatus(bytes: Uint8Array): { code: number; message: string; details: { typeUrl: string; value: Uint8Array }[] } {
  const reader = protobuf.Reader.create(bytes);
  const status = { code: 0, message: '', details: [] as { typeUrl: string; value: Uint8Array }[] };
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1) status.code = reader.int32();
    else if (tag >>> 3 === 2) status.message = reader.string();
    else if (tag >>> 3 === 3) {
      const any = protobuf.Reader.create(reader.bytes());
      const detail: { typeUrl: string; value: Uint8Array } = { typeUrl: '', value: new Uint8Array() };
      while (any.pos < any.len) {
        const anyTag = any.uint32();
        if (anyTag >>> 3 === 1) detail.typeUrl = any.string();
        else detail.value = any.bytes();
      }
      status.details.push(detail);
    } else reader.skipType(tag & 7);
  }
  return status;
}

describe('encodeProtobufStatus', () => {
  it('writes code and message', () => {
    assert.deepStrictEqual(readStatus(encodeProtobufStatus(3, 'bad request ☹')), { code: 3, message: 'bad request ☹', details: [] });
  });

  it('writes a RetryInfo detail whose Duration holds the delay in whole seconds, rounded up', () => {
    const status = readStatus(encodeProtobufStatus(14, 'overloaded', 4.2));
    assert.equal(status.details.length, 1);
    assert.equal(status.details[0].typeUrl, 'type.googleapis.com/google.rpc.RetryInfo');
    // RetryInfo { retry_delay (1): Duration { seconds (1): 5 } }
    const retryInfo = protobuf.Reader.create(status.details[0].value);
    assert.equal(retryInfo.uint32(), (1 << 3) | 2);
    const duration = protobuf.Reader.create(retryInfo.bytes());
    assert.equal(duration.uint32(), 1 << 3);
    assert.equal(duration.uint32(), 5);
  });
});
