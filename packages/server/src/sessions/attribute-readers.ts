import type { AttributeValue, Attributes, SpanRecord } from '../model/telemetry-records.js';

/*
 * Tolerant readers for attribute values. Engines disagree on types (an SDK that only sets strings
 * sends "12.5" for a number, a Python bool may arrive as "True"), so each reader accepts the shapes
 * seen in the wild and returns null for anything else. They never throw: a bad value is ignored.
 */

/** Own-property read: a sender's key such as `constructor` must not reach Object.prototype. */
export function attributeOf(attributes: Attributes, key: string): AttributeValue | undefined {
  return Object.prototype.hasOwnProperty.call(attributes, key) ? attributes[key] : undefined;
}

/** A non-empty string; numbers are accepted (an id sent as an int64), everything else is null. */
export function asText(value: AttributeValue | undefined): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A finite number, or a string holding one ("42", " 1.5e3 "). */
export function asNumber(value: AttributeValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** A finite number ≥ 0: usage, costs and counts are never negative, so a negative one is bad input. */
export function asQuantity(value: AttributeValue | undefined): number | null {
  const n = asNumber(value);
  return n !== null && n >= 0 ? n : null;
}

/** A boolean, or the strings "true"/"false" in any case. */
export function asBoolean(value: AttributeValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return null;
}

/** Lower-cased, trimmed text with `-` and spaces as `_`, for matching values from a closed set. */
export function asToken(value: AttributeValue | undefined): string | null {
  const text = asText(value);
  return text === null ? null : text.trim().toLowerCase().replace(/[-\s]+/g, '_');
}

export function readText(span: SpanRecord, key: string): string | null {
  return asText(attributeOf(span.attributes, key));
}

export function readNumber(span: SpanRecord, key: string): number | null {
  return asNumber(attributeOf(span.attributes, key));
}

export function readQuantity(span: SpanRecord, key: string): number | null {
  return asQuantity(attributeOf(span.attributes, key));
}

export function readBoolean(span: SpanRecord, key: string): boolean | null {
  return asBoolean(attributeOf(span.attributes, key));
}

/**
 * The first value of `key` that `parse` accepts, over spans in the given order (the call's root
 * first). Call-level attributes live on the root by convention, but some engines state them on a
 * child (a `call.end` span), so every span is a fallback.
 */
export function firstParsed<T>(
  spans: readonly SpanRecord[],
  key: string,
  parse: (value: AttributeValue | undefined) => T | null,
): T | null {
  for (const span of spans) {
    const parsed = parse(attributeOf(span.attributes, key));
    if (parsed !== null) return parsed;
  }
  return null;
}

/** The first non-empty text of any of `keys`, key by key (the first key is the preferred name). */
export function firstText(spans: readonly SpanRecord[], ...keys: string[]): string {
  for (const key of keys) {
    const text = firstParsed(spans, key, asText);
    if (text !== null) return text;
  }
  return '';
}
