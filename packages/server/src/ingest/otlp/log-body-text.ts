import type { AttributeValue } from '../../model/telemetry-records.js';

/**
 * LogRecordEntry.body is text: a string_value body is kept as is, any other AnyValue becomes its
 * JSON text (a map as an object, bytes as a quoted base64 string, a number as digits), and an
 * absent or empty body becomes ''. `isStringValue` tells a string_value from bytes, which both
 * decode to a JS string.
 */
export function logBodyText(body: AttributeValue, isStringValue: boolean): string {
  if (body === null) return '';
  if (isStringValue && typeof body === 'string') return body;
  return JSON.stringify(body);
}
