import type { SpanRecord } from '../model/telemetry-records.js';

const MAX_KEYS = 64;
const MAX_VALUE_CHARS = 256;

/**
 * The root span's own attributes with scalar values, kept on the session so a tenant KPI can
 * filter on a dimension of its own (`customer.tier`, `queue`). Bounded: the first 64 keys in key
 * order, strings cut at 256 characters; arrays and maps are left out (not a dimension).
 */
export function rootAttributesOf(root: SpanRecord | null): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  if (!root) return kept;
  let count = 0;
  for (const key of Object.keys(root.attributes).sort()) {
    if (count >= MAX_KEYS) break;
    const value = root.attributes[key];
    if (typeof value === 'string') kept[key] = value.slice(0, MAX_VALUE_CHARS);
    else if (typeof value === 'number' || typeof value === 'boolean') kept[key] = value;
    else continue;
    count++;
  }
  return kept;
}
