import { JsonShapeError } from './json-shape-error.js';

/**
 * Field readers for OTLP/JSON, the proto3 JSON mapping with OTLP's deviations
 * (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding). A missing field or `null`
 * means the proto3 default. Each reader throws JsonShapeError naming the field it was given.
 */
export type JsonObject = Record<string, unknown>;

const UNSIGNED_INTEGER = /^\d+$/;
const SIGNED_INTEGER = /^-?\d+$/;

/**
 * OTLP/JSON keys are lowerCamelCase, but the proto3 JSON mapping lets parsers accept the
 * original snake_case names too, and some hand-written senders use them.
 */
export function member(object: JsonObject, camelCase: string, snakeCase: string): unknown {
  const value = object[camelCase];
  return value === undefined ? object[snakeCase] : value;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An element of a repeated message field. */
export function expectObject(value: unknown): JsonObject {
  if (isJsonObject(value)) return value;
  throw new JsonShapeError('', `expected an object, got ${describe(value)}`);
}

/** An optional message field: absent → undefined. */
export function optionalObject(value: unknown, field: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (isJsonObject(value)) return value;
  throw new JsonShapeError(field, `expected an object, got ${describe(value)}`);
}

/** A repeated field: absent → empty. */
export function optionalArray(value: unknown, field: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw new JsonShapeError(field, `expected an array, got ${describe(value)}`);
}

export function optionalString(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  throw new JsonShapeError(field, `expected a string, got ${describe(value)}`);
}

/**
 * A fixed64 nanosecond timestamp as whole microseconds. The mapping writes 64-bit integers as
 * decimal strings and lets parsers accept numbers too; dropping the last three digits of the
 * string is the exact truncation that a double could not do above 2^53.
 */
export function unixNanosToMicros(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'string') {
    if (!UNSIGNED_INTEGER.test(value)) throw new JsonShapeError(field, `expected an integer string, got "${clip(value)}"`);
    return value.length <= 3 ? 0 : Number(value.slice(0, -3));
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return Math.floor(value / 1000);
  throw new JsonShapeError(field, `expected an integer string, got ${describe(value)}`);
}

/** An int64 as a number (precision beyond 2^53 is lost, as for protobuf). */
export function int64Number(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && SIGNED_INTEGER.test(value)) return Number(value);
  throw new JsonShapeError(field, `expected an integer or integer string, got ${describe(value)}`);
}

/** A double: a number, or per the mapping a string ("NaN", "Infinity", "-Infinity", or numeric). */
export function doubleNumber(value: unknown, field: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = Number(value);
    if (value.trim() !== '' && (!Number.isNaN(parsed) || value === 'NaN')) return parsed;
  }
  throw new JsonShapeError(field, `expected a number, got ${describe(value)}`);
}

/**
 * An enum. OTLP/JSON requires integers, but generic protobuf JSON encoders emit names
 * ("SPAN_KIND_SERVER"); accepting both costs one lookup.
 */
export function enumNumber(value: unknown, names: Readonly<Record<string, number>>, field: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const number = Object.hasOwn(names, value) ? names[value] : undefined;
    if (number !== undefined) return number;
    throw new JsonShapeError(field, `unknown enum name "${clip(value)}"`);
  }
  throw new JsonShapeError(field, `expected an integer enum value, got ${describe(value)}`);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string "${clip(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Keeps echoed input short: error messages go back to the sender and into logs. */
export function clip(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 40)}…`;
}
