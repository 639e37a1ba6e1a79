import { ProtobufWriter } from './protobuf-writer.js';

/**
 * An ExportTraceServiceResponse or ExportLogsServiceResponse: both are `partial_success = 1`
 * holding `rejected_<signal> = 1` (int64) and `error_message = 2`, so one encoder serves both.
 *
 * partial_success stays unset on full success; it is set when records were rejected, or with a
 * 0 count to carry a warning message (https://opentelemetry.io/docs/specs/otlp/#partial-success).
 */
export function encodeProtobufExportResponse(rejected: number, message: string): Buffer {
  if (rejected === 0 && message === '') return Buffer.alloc(0);
  const partialSuccess = new ProtobufWriter();
  if (rejected !== 0) partialSuccess.varint(1, rejected);
  if (message !== '') partialSuccess.string(2, message);
  return new ProtobufWriter().message(1, partialSuccess).finish();
}
