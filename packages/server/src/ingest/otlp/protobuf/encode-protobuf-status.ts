import { ProtobufWriter } from './protobuf-writer.js';

const RETRY_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * A google.rpc.Status (code = 1, message = 2, details = 3): the body of every OTLP/HTTP error
 * response and the payload of gRPC's `grpc-status-details-bin` trailer
 * (https://github.com/googleapis/googleapis/blob/master/google/rpc/status.proto).
 *
 * With `retryDelaySeconds`, details carries a google.rpc.RetryInfo, the OTLP throttling signal
 * that tells the client how long to wait (https://opentelemetry.io/docs/specs/otlp/#otlpgrpc-throttling).
 */
export function encodeProtobufStatus(code: number, message: string, retryDelaySeconds?: number): Buffer {
  const status = new ProtobufWriter();
  if (code !== 0) status.varint(1, code);
  if (message !== '') status.string(2, message);
  if (retryDelaySeconds !== undefined) {
    // RetryInfo { google.protobuf.Duration retry_delay = 1 }, Duration { int64 seconds = 1 }
    const duration = new ProtobufWriter().varint(1, Math.max(0, Math.ceil(retryDelaySeconds)));
    const retryInfo = new ProtobufWriter().message(1, duration);
    // google.protobuf.Any { string type_url = 1; bytes value = 2 }
    const any = new ProtobufWriter().string(1, RETRY_INFO_TYPE_URL).message(2, retryInfo);
    status.message(3, any);
  }
  return status.finish();
}
