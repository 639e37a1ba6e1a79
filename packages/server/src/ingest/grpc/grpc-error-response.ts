import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import { PlaneError } from '../../errors/plane-error.js';
import { encodeProtobufStatus } from '../otlp/protobuf/encode-protobuf-status.js';

/**
 * The gRPC code for an HTTP-style status, chosen by how OTLP clients treat it
 * (https://opentelemetry.io/docs/specs/otlp/#failures):
 * - bad data → INVALID_ARGUMENT, which clients must not retry;
 * - too large → RESOURCE_EXHAUSTED without RetryInfo, which clients treat as permanent too;
 * - throttled or briefly unavailable → UNAVAILABLE, which clients retry, honouring RetryInfo
 *   (the spec's throttling section prefers it to RESOURCE_EXHAUSTED for back-pressure).
 */
export function grpcCodeForHttpStatus(httpStatus: number): status {
  switch (httpStatus) {
    case 400:
    case 415:
      return status.INVALID_ARGUMENT;
    case 401:
      return status.UNAUTHENTICATED;
    case 403:
      return status.PERMISSION_DENIED;
    case 404:
      return status.NOT_FOUND;
    case 413:
      return status.RESOURCE_EXHAUSTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return status.UNAVAILABLE;
    default:
      return status.INTERNAL;
  }
}

/**
 * The status a failed export ends with. A PlaneError's message is written for the sender and is
 * passed on; anything else is a server bug whose details stay in the server's log.
 *
 * A retry delay travels as google.rpc.RetryInfo in the `grpc-status-details-bin` trailer, the
 * standard carrier of google.rpc.Status details.
 */
export function grpcErrorResponse(error: unknown): Partial<StatusObject> {
  if (!(error instanceof PlaneError)) return { code: status.INTERNAL, details: 'internal error' };
  const code = grpcCodeForHttpStatus(error.statusCode);
  if (error.retryAfterSeconds === undefined || code !== status.UNAVAILABLE) return { code, details: error.message };
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', encodeProtobufStatus(code, error.message, error.retryAfterSeconds));
  return { code, details: error.message, metadata };
}
