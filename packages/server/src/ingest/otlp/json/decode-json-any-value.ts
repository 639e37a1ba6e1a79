import type { AttributeValue, Attributes } from '../../../model/telemetry-records.js';
import { logBodyText } from '../log-body-text.js';
import { setAttribute } from '../../../model/set-attribute.js';
import { doubleNumber, describe, int64Number, isJsonObject, member, optionalArray, optionalString } from './json-fields.js';
import { JsonShapeError, atPath } from './json-shape-error.js';

/** Matches the protobuf decoder's limit; deeper nesting is hostile, not data. */
const MAX_NESTING = 100;

/**
 * Adds a repeated KeyValue field (`[{ "key": …, "value": AnyValue }]`) to `attributes`.
 * `field` is the name used in error paths ("attributes", "resource.attributes").
 */
export function decodeJsonAttributes(list: unknown, attributes: Attributes, field: string): void {
  const entries = optionalArray(list, field);
  for (let i = 0; i < entries.length; i++) {
    try {
      decodeKeyValue(entries[i], attributes, 0);
    } catch (error) {
      throw atPath(error, `${field}[${i}]`);
    }
  }
}

/** An AnyValue (https://github.com/open-telemetry/opentelemetry-proto common.proto); absent or `{}` → null. */
export function decodeJsonAnyValue(value: unknown, field: string): AttributeValue {
  try {
    return decodeAnyValue(value, 0);
  } catch (error) {
    throw atPath(error, field);
  }
}

/** A LogRecord.body as LogRecordEntry.body text: a stringValue as is, anything else as JSON text. */
export function decodeJsonLogBody(value: unknown, field: string): string {
  const decoded = decodeJsonAnyValue(value, field);
  const stringValue = isJsonObject(value) ? member(value, 'stringValue', 'string_value') : undefined;
  return logBodyText(decoded, stringValue !== undefined && stringValue !== null);
}

function decodeKeyValue(entry: unknown, attributes: Attributes, depth: number): void {
  if (!isJsonObject(entry)) throw new JsonShapeError('', `expected a {"key", "value"} object, got ${describe(entry)}`);
  const key = optionalString(entry.key, 'key');
  let value: AttributeValue;
  try {
    value = decodeAnyValue(entry.value, depth);
  } catch (error) {
    throw atPath(error, 'value');
  }
  setAttribute(attributes, key, value);
}

function decodeAnyValue(value: unknown, depth: number): AttributeValue {
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) throw new JsonShapeError('', `expected an AnyValue object, got ${describe(value)}`);
  if (depth > MAX_NESTING) throw new JsonShapeError('', `AnyValue nested deeper than ${MAX_NESTING} levels`);
  let v = member(value, 'stringValue', 'string_value');
  if (v !== undefined && v !== null) return optionalString(v, 'stringValue');
  v = member(value, 'intValue', 'int_value');
  if (v !== undefined && v !== null) return int64Number(v, 'intValue');
  v = member(value, 'doubleValue', 'double_value');
  if (v !== undefined && v !== null) return doubleNumber(v, 'doubleValue');
  v = member(value, 'boolValue', 'bool_value');
  if (v !== undefined && v !== null) {
    if (typeof v !== 'boolean') throw new JsonShapeError('boolValue', `expected true or false, got ${describe(v)}`);
    return v;
  }
  v = member(value, 'arrayValue', 'array_value');
  if (v !== undefined && v !== null) return decodeArrayValue(v, depth + 1);
  v = member(value, 'kvlistValue', 'kvlist_value');
  if (v !== undefined && v !== null) return decodeKeyValueList(v, depth + 1);
  v = member(value, 'bytesValue', 'bytes_value');
  if (v !== undefined && v !== null) {
    // Re-encoded so that both wire formats yield the same padded, standard-alphabet text.
    return Buffer.from(optionalString(v, 'bytesValue'), 'base64').toString('base64');
  }
  return null;
}

function decodeArrayValue(arrayValue: unknown, depth: number): AttributeValue[] {
  if (!isJsonObject(arrayValue)) throw new JsonShapeError('arrayValue', `expected an object, got ${describe(arrayValue)}`);
  const items = optionalArray(arrayValue.values, 'arrayValue.values');
  const values: AttributeValue[] = new Array<AttributeValue>(items.length);
  for (let i = 0; i < items.length; i++) {
    try {
      values[i] = decodeAnyValue(items[i], depth);
    } catch (error) {
      throw atPath(error, `arrayValue.values[${i}]`);
    }
  }
  return values;
}

function decodeKeyValueList(kvlistValue: unknown, depth: number): Attributes {
  if (!isJsonObject(kvlistValue)) throw new JsonShapeError('kvlistValue', `expected an object, got ${describe(kvlistValue)}`);
  const entries = optionalArray(kvlistValue.values, 'kvlistValue.values');
  const values: Attributes = {};
  for (let i = 0; i < entries.length; i++) {
    try {
      decodeKeyValue(entries[i], values, depth);
    } catch (error) {
      throw atPath(error, `kvlistValue.values[${i}]`);
    }
  }
  return values;
}
