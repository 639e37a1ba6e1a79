/**
 * A google.rpc.Status in its proto3 JSON form, the body of OTLP/HTTP error responses sent as
 * JSON. With `retryDelaySeconds`, `details` carries a google.rpc.RetryInfo in the JSON form of
 * google.protobuf.Any (`@type` plus the message's fields; a Duration is written "5s").
 */
export function encodeJsonStatus(code: number, message: string, retryDelaySeconds?: number): Buffer {
  const status: { code?: number; message?: string; details?: unknown[] } = {};
  if (code !== 0) status.code = code;
  if (message !== '') status.message = message;
  if (retryDelaySeconds !== undefined) {
    status.details = [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${Math.max(0, Math.ceil(retryDelaySeconds))}s` },
    ];
  }
  return Buffer.from(JSON.stringify(status));
}
