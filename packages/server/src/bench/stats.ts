/** The middle value (mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile, `p` in 0..100. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export interface Timed<T> {
  /** Median wall time of the measured runs, milliseconds. */
  medianMs: number;
  minMs: number;
  runsMs: number[];
  /** The result of the last run, so callers can check what was computed. */
  result: T;
}

/**
 * Runs `job` `warmups` times unmeasured (caches, JIT, DuckDB's buffer pool), then `runs` times
 * measured one after another. Medians, not means: one GC pause or page-in must not move the figure.
 */
export async function timeRuns<T>(job: () => Promise<T>, runs: number, warmups = 2, beforeEach?: () => Promise<void> | void): Promise<Timed<T>> {
  let result = await job();
  for (let i = 1; i < warmups; i++) result = await job();
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Untimed: what each measured run follows (a write, caches dropped).
    await beforeEach?.();
    const started = process.hrtime.bigint();
    result = await job();
    runsMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { medianMs: median(runsMs), minMs: Math.min(...runsMs), runsMs, result };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Times two jobs that compute the same thing, alternating them run by run after their warm-ups,
 * so a slow patch of the machine or a cache state hits both alike. Returns [a, b].
 */
export async function timeInterleaved<A, B>(
  a: () => Promise<A>,
  b: () => Promise<B>,
  runs: number,
  warmups = 2,
): Promise<[Timed<A>, Timed<B>]> {
  let resultA = await a();
  let resultB = await b();
  for (let i = 1; i < warmups; i++) [resultA, resultB] = [await a(), await b()];
  const msA: number[] = [];
  const msB: number[] = [];
  const time = async <T>(job: () => Promise<T>, into: number[]): Promise<T> => {
    const started = process.hrtime.bigint();
    const result = await job();
    into.push(Number(process.hrtime.bigint() - started) / 1e6);
    return result;
  };
  for (let i = 0; i < runs; i++) {
    resultA = await time(a, msA);
    resultB = await time(b, msB);
  }
  const timed = <T>(runsMs: number[], result: T): Timed<T> => ({
    medianMs: median(runsMs),
    minMs: Math.min(...runsMs),
    runsMs,
    result,
  });
  return [timed(msA, resultA), timed(msB, resultB)];
}
