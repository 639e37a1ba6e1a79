import { OtlpDecodeError } from '../otlp-decode-error.js';
import { type JsonObject, describe, isJsonObject } from './json-fields.js';

/** Parses a request body and checks that it is a JSON object; anything else is a 400. */
export function parseJsonBody(body: Uint8Array | string, message: string): JsonObject {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  let parsed: unknown;
  try {
    // A UTF-8 byte order mark is legal in a body but not in JSON.parse's input.
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new OtlpDecodeError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(parsed)) throw new OtlpDecodeError(`expected a JSON object (${message}), got ${describe(parsed)}`);
  return parsed;
}
