import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from './random.js';

function draws<T>(seed: number, n: number, draw: (rng: Random) => T): T[] {
  const rng = new Random(seed);
  return Array.from({ length: n }, () => draw(rng));
}

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    assert.deepEqual(draws(9, 100, (r) => r.next()), draws(9, 100, (r) => r.next()));
    assert.notDeepEqual(draws(9, 100, (r) => r.next()), draws(10, 100, (r) => r.next()));
  });

  const bounds: { reason: string; values: number[]; check: (v: number) => boolean }[] = [
    { reason: 'next() stays in [0, 1)', values: draws(1, 10_000, (r) => r.next()), check: (v) => v >= 0 && v < 1 },
    { reason: 'int() includes both ends and nothing else', values: draws(2, 10_000, (r) => r.int(3, 5)), check: (v) => Number.isInteger(v) && v >= 3 && v <= 5 },
    { reason: 'between() stays in [min, max)', values: draws(3, 10_000, (r) => r.between(-2, 2)), check: (v) => v >= -2 && v < 2 },
    { reason: 'logNormal() is clamped to its bounds', values: draws(4, 10_000, (r) => r.logNormal(100, 2, 50, 150)), check: (v) => v >= 50 && v <= 150 },
  ];
  for (const b of bounds) {
    it(b.reason, () => assert.deepEqual(b.values.filter((v) => !b.check(v)), []));
  }

  it('reaches both ends of int()', () => {
    assert.deepEqual(new Set(draws(2, 1000, (r) => r.int(3, 5))), new Set([3, 4, 5]));
  });

  it('chooses by weight', () => {
    const picks = draws(5, 20_000, (r) => r.weighted([['a', 3], ['b', 1]] as const));
    const shareA = picks.filter((p) => p === 'a').length / picks.length;
    assert.ok(shareA > 0.72 && shareA < 0.78, String(shareA));
  });

  it('has the median it is given, before clamping', () => {
    const values = draws(6, 20_001, (r) => r.logNormal(170, 0.45, 0, Infinity)).sort((a, b) => a - b);
    assert.ok(Math.abs(values[10_000] - 170) < 5, String(values[10_000]));
  });

  it('gives lower-case hex of the asked length', () => {
    assert.match(new Random(7).hex(32), /^[0-9a-f]{32}$/);
    assert.match(new Random(7).hex(5), /^[0-9a-f]{5}$/);
  });
});
