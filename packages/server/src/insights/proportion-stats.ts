/*
 * Small, dependency-free statistics for comparing rates between two groups of calls.
 * Wilson score interval: Wilson (1927), the interval recommended over the normal approximation
 * for small counts and rates near 0 or 1. Two-proportion z-test: pooled standard error.
 */

const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** 95 % Wilson score interval of successes / n; null when n is 0. */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface Comparison {
  /** b − a. */
  difference: number;
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** 1 − p: how sure we are the difference is not chance (shown as a percentage). */
  confidence: number;
}

/** Two-sided two-proportion z-test of b against a; null when either group is empty or the pooled rate is 0 or 1. */
export function twoProportionTest(aSuccesses: number, aN: number, bSuccesses: number, bN: number): Comparison | null {
  if (aN <= 0 || bN <= 0) return null;
  const pa = aSuccesses / aN;
  const pb = bSuccesses / bN;
  const pooled = (aSuccesses + bSuccesses) / (aN + bN);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / aN + 1 / bN));
  if (se === 0) return null;
  const z = (pb - pa) / se;
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  return { difference: pb - pa, z, pValue, confidence: 1 - pValue };
}

export interface Sample {
  n: number;
  mean: number;
  /** Sample variance (n − 1). */
  variance: number;
}

export function sampleOf(values: readonly number[]): Sample {
  const n = values.length;
  const mean = n === 0 ? 0 : values.reduce((a, b) => a + b, 0) / n;
  const variance = n < 2 ? 0 : values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
}

/**
 * Welch's test of two means with the normal approximation of the t distribution (fine for the
 * tens of calls and up a version comparison needs; conservative enough below that to be shown).
 */
export function welchTest(a: Sample, b: Sample): Comparison | null {
  if (a.n < 2 || b.n < 2) return null;
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  if (se === 0) return null;
  const z = (b.mean - a.mean) / se;
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  return { difference: b.mean - a.mean, z, pValue, confidence: 1 - pValue };
}
