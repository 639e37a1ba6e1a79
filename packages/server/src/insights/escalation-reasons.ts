import type { InsightCallRow, ExampleCall } from './insight-types.js';
import { latestExamples } from './example-calls.js';
import { twoProportionTest } from './proportion-stats.js';

export interface EscalationReasonChange {
  reason: string;
  count: number;
  previousCount: number;
  /** Escalations for this reason / handled calls, this window and the previous one. */
  rate: number | null;
  previousRate: number | null;
  /** Confidence (1 − p) that the rate changed, two-proportion z-test; null when not testable. */
  confidence: number | null;
  examples: ExampleCall[];
}

const NO_REASON = '(no reason given)';

function countByReason(rows: readonly InsightCallRow[]): { handled: number; byReason: Map<string, InsightCallRow[]> } {
  const byReason = new Map<string, InsightCallRow[]>();
  let handled = 0;
  for (const row of rows) {
    if (!row.handled) continue;
    handled++;
    if (row.outcome !== 'escalated') continue;
    const reason = row.escalationReason === '' ? NO_REASON : row.escalationReason;
    const list = byReason.get(reason) ?? [];
    list.push(row);
    byReason.set(reason, list);
  }
  return { handled, byReason };
}

/**
 * Escalation reasons of the window against the previous window of the same length, largest
 * first. Rates are per handled call so a busier period does not look worse by volume alone.
 */
export function escalationReasonChanges(
  current: readonly InsightCallRow[],
  previous: readonly InsightCallRow[],
): EscalationReasonChange[] {
  const now = countByReason(current);
  const before = countByReason(previous);
  const reasons = new Set([...now.byReason.keys(), ...before.byReason.keys()]);
  const out: EscalationReasonChange[] = [];
  for (const reason of reasons) {
    const rows = now.byReason.get(reason) ?? [];
    const previousCount = before.byReason.get(reason)?.length ?? 0;
    const test = twoProportionTest(previousCount, before.handled, rows.length, now.handled);
    out.push({
      reason,
      count: rows.length,
      previousCount,
      rate: now.handled > 0 ? rows.length / now.handled : null,
      previousRate: before.handled > 0 ? previousCount / before.handled : null,
      confidence: test?.confidence ?? null,
      examples: latestExamples(rows, () => reason),
    });
  }
  return out.sort((a, b) => b.count - a.count || b.previousCount - a.previousCount || a.reason.localeCompare(b.reason));
}
