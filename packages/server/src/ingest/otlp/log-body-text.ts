import type { AttributeValue } from '../../model/telemetry-records.js';

/**
 * LogRecordEntry.body is text: a string body is kept as is, any other AnyValue (a map, a number,
 * bytes as base64) becomes its JSON text, and an absent body becomes ''.
 */
export function logBodyText(body: AttributeValue): string {
  if (typeof body === 'string') return body;
  if (body === null) return '';
  return JSON.stringify(body);
}
