import { JsonShapeError } from './json-shape-error.js';
import { clip, describe } from './json-fields.js';

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * A trace or span id from OTLP/JSON as lowercase hex: '' when absent, undefined when the text is
 * not an id of `bytes` bytes (the caller rejects the record).
 *
 * OTLP/JSON ids are hex (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding), but
 * generic protobuf JSON encoders write `bytes` fields as base64, so base64 of the right length
 * (padded or not, standard or URL alphabet) is accepted as well. The lengths cannot collide:
 * 16 bytes are 32 hex or 22–24 base64 characters, 8 bytes are 16 hex or 11–12.
 */
export function jsonIdHex(value: unknown, bytes: number, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value !== 'string') throw new JsonShapeError(field, `expected a hex string, got ${describe(value)}`);
  if (value.length === bytes * 2) return HEX.test(value) ? value.toLowerCase() : undefined;
  const unpadded = Math.ceil((bytes * 4) / 3);
  if ((value.length === unpadded || value.length === Math.ceil(bytes / 3) * 4) && BASE64.test(value)) {
    const decoded = Buffer.from(value, 'base64');
    return decoded.length === bytes ? decoded.toString('hex') : undefined;
  }
  return undefined;
}

/** The rejection reason for an id that jsonIdHex could not read. */
export function badIdReason(field: string, value: unknown, bytes: number): string {
  return `${field} "${clip(String(value))}" is neither ${bytes * 2} hex digits nor base64 of ${bytes} bytes`;
}
