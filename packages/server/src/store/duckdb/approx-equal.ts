import assert from 'node:assert/strict';

/**
 * Test support: deep equality where numbers may differ by floating-point rounding (sums of
 * dollar amounts, shares like 2/3). Everything else must match exactly.
 */
export function assertApproxEqual(actual: unknown, expected: unknown, path = 'value'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${path}: ${actual} ≠ ${expected}`);
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
