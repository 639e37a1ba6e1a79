import type { DecodedBatch, LogRecordEntry, SpanRecord } from '../model/telemetry-records.js';

export type OtlpSignal = 'traces' | 'logs';

/**
 * One OTLP encoding (protobuf or JSON) as the ingest path needs it: decode a request, encode the
 * response and the error status. HTTP picks one by Content-Type; gRPC always uses protobuf.
 */
export interface OtlpFormat {
  name: 'protobuf' | 'json';
  contentType: string;
  decodeTraces(body: Buffer): DecodedBatch<SpanRecord>;
  decodeLogs(body: Buffer): DecodedBatch<LogRecordEntry>;
  /** Export*ServiceResponse, with partial_success when something was rejected. */
  encodeResponse(signal: OtlpSignal, rejected: number, message: string): Buffer;
  /** google.rpc.Status, the body of every OTLP/HTTP error response; with a RetryInfo detail when throttling. */
  encodeStatus(code: number, message: string, retryDelaySeconds?: number): Buffer;
}
