import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalCdf, sampleOf, twoProportionTest, welchTest, wilsonInterval } from './proportion-stats.js';

test('normalCdf matches tabulated values', () => {
  assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
  assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
  assert.ok(Math.abs(normalCdf(-1) - 0.158655) < 1e-6);
});

test('Wilson interval of 81/263 matches the textbook example', () => {
  // Worked example (Newcombe 1998, method 3 without continuity correction): 81/263 → 0.2553–0.3662.
  const ci = wilsonInterval(81, 263);
  assert.ok(ci);
  assert.ok(Math.abs(ci.low - 0.2553) < 5e-4, `low ${ci.low}`);
  assert.ok(Math.abs(ci.high - 0.3662) < 5e-4, `high ${ci.high}`);
  assert.equal(wilsonInterval(0, 0), null);
  const zero = wilsonInterval(0, 10);
  assert.ok(zero && zero.low === 0 && zero.high > 0.2);
});

test('two-proportion z-test: a clear difference is significant, equal rates are not', () => {
  const clear = twoProportionTest(50, 100, 70, 100);
  assert.ok(clear);
  // p̂ = 0.6, se = sqrt(0.24 × 0.02) = 0.06928, z = 0.2 / 0.06928 = 2.887
  assert.ok(Math.abs(clear.z - 2.8868) < 1e-3, `z ${clear.z}`);
  assert.ok(clear.pValue < 0.01 && clear.confidence > 0.99);
  const same = twoProportionTest(30, 100, 30, 100);
  assert.ok(same);
  assert.equal(same.z, 0);
  assert.ok(Math.abs(same.pValue - 1) < 1e-7);
  assert.equal(twoProportionTest(0, 0, 1, 2), null);
});

test('Welch test separates different means and not equal ones', () => {
  const a = sampleOf([10, 11, 9, 10, 12, 8, 10, 11]);
  const b = sampleOf([14, 15, 13, 16, 14, 15, 13, 14]);
  const diff = welchTest(a, b);
  assert.ok(diff && diff.difference > 3.9 && diff.pValue < 0.001);
  const same = welchTest(a, sampleOf([10, 11, 9, 10, 12, 8, 10, 11]));
  assert.ok(same && same.pValue > 0.99);
});
