import type { OtlpFormat } from '../../otlp-format.js';
import { decodeProtobufLogs } from './decode-protobuf-logs.js';
import { decodeProtobufTraces } from './decode-protobuf-traces.js';
import { encodeProtobufExportResponse } from './encode-protobuf-export-response.js';
import { encodeProtobufStatus } from './encode-protobuf-status.js';

/** Binary protobuf OTLP (https://opentelemetry.io/docs/specs/otlp/#binary-protobuf-encoding), also the gRPC payload. */
export const protobufOtlpFormat: OtlpFormat = {
  name: 'protobuf',
  contentType: 'application/x-protobuf',
  decodeTraces: decodeProtobufTraces,
  decodeLogs: decodeProtobufLogs,
  encodeResponse: (_signal, rejected, message) => encodeProtobufExportResponse(rejected, message),
  encodeStatus: encodeProtobufStatus,
};
