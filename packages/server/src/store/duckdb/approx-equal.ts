import assert from 'node:assert/strict';
import { PERCENTILE_RELATIVE_ERROR } from './duration-histogram.js';

/** Duration percentiles come from a log-scale histogram: within its documented error of the exact value. */
const HISTOGRAM_PERCENTILE = /(p50|p90)DurationMs$/;

/**
 * Test support: deep equality where numbers may differ by floating-point rounding (sums of
 * dollar amounts, shares like 2/3), and duration percentiles by the histogram's documented error
 * (never more). Everything else must match exactly.
 */
export function assertApproxEqual(actual: unknown, expected: unknown, path = 'value'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = HISTOGRAM_PERCENTILE.test(path) ? PERCENTILE_RELATIVE_ERROR * Math.abs(expected) : 1e-9 * Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(actual - expected) <= tolerance, `${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const expectedKeys = Object.keys(expected).sort();
    assert.deepEqual(Object.keys(actual).sort(), expectedKeys, `${path}: keys differ`);
    for (const key of expectedKeys) {
      assertApproxEqual((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    }
    return;
  }
  assert.equal(actual, expected, path);
}
