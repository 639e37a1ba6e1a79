import { RecentCallFilter } from './recent-call-filter.js';

/** How long finalised calls are remembered by the filter, at least (late-span window if longer). */
const MIN_FINISHED_HORIZON_US = 600e6;
/** How far an engine's clock may lag the plane's without a forgotten call passing for a new one. */
const CLOCK_SKEW_US = 300e6;

/**
 * What the assembler knows of calls it has finalised: the recent ones exactly (by key, bounded in
 * count and by the late-span window), so their late spans reopen them, and every one within
 * `horizonUs` in a filter of recently finalised calls (recent-call-filter.ts), so a call whose
 * completion the bounded map forgot is still looked up in the store before its session is written.
 */
export class CompletedCalls {
  /** Recently completed calls, oldest first (Map keeps insertion order): key → completion time. */
  private readonly recent = new Map<string, number>();
  /** Every call finalised within horizonUs, including those `recent` has let go. */
  private readonly finished: RecentCallFilter;
  /** How long the filter keeps a finalised call; restore() loads the completions of this window. */
  readonly horizonUs: number;
  /**
   * Completions from this time on are all in the filter (those restored at start, then every one
   * since). Until restore() says what it loaded, nothing is known to be covered.
   */
  private coveredSinceUs = Infinity;

  constructor(
    private readonly lateSpanWindowUs: number,
    private readonly maxRemembered: number,
  ) {
    this.horizonUs = Math.max(lateSpanWindowUs, MIN_FINISHED_HORIZON_US) + CLOCK_SKEW_US;
    this.finished = new RecentCallFilter(this.horizonUs);
  }

  /** Completed recently enough to be remembered exactly. */
  has(key: string): boolean {
    return this.recent.has(key);
  }

  /** Remembered exactly, or (past the map's bound) maybe by the filter. */
  mayHaveCompleted(key: string): boolean {
    return this.recent.has(key) || this.finished.mightContain(key);
  }

  remember(key: string, nowUs: number): void {
    this.recent.set(key, nowUs);
    this.finished.add(key, nowUs);
    const horizon = nowUs - this.lateSpanWindowUs;
    for (const [k, at] of this.recent) {
      if (this.recent.size <= this.maxRemembered && at >= horizon) break;
      this.recent.delete(k);
    }
  }

  /** The call is in flight again (reopened, or back after a failed write). */
  forget(key: string): void {
    this.recent.delete(key);
  }

  /** The completions the store knows since `coveredSinceUs`, loaded at start. */
  restore(keys: Iterable<string>, nowUs: number, coveredSinceUs: number): void {
    this.coveredSinceUs = coveredSinceUs;
    for (const key of keys) {
      this.recent.set(key, nowUs);
      this.finished.add(key, nowUs);
    }
  }

  /**
   * Whether a call the plane does not hold as completed may still have a stored session: its key
   * is in the filter of recently finalised calls, or its spans started before the filter covers
   * completions (plus five minutes for engines' clocks), so it may have completed unrecorded.
   */
  mayBeStored(key: string, startUs: number, nowUs: number): boolean {
    const coveredSince = Math.max(this.coveredSinceUs, nowUs - this.horizonUs);
    return this.finished.mightContain(key) || startUs < coveredSince + CLOCK_SKEW_US;
  }
}
