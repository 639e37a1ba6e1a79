import type { InsightCallRow, ExampleCall } from './insight-types.js';
import { latestExamples } from './example-calls.js';
import { twoProportionTest } from './proportion-stats.js';

export interface ConnectorEscalationLink {
  connector: string;
  /** Handled calls that called the connector. */
  calls: number;
  /** Of those, calls where it failed at least once. */
  failedCalls: number;
  /** Escalation rate of calls where it failed vs calls where it only succeeded. */
  escalationRateAfterFailure: number | null;
  escalationRateOtherwise: number | null;
  /** afterFailure / otherwise; null when otherwise is 0 or undefined. */
  lift: number | null;
  /** Confidence (1 − p) that the two escalation rates differ, two-proportion z-test. */
  confidence: number | null;
  /** Escalated calls in which this connector had failed. */
  examples: ExampleCall[];
}

/**
 * For each connector, whether its failures precede escalations: a failure happens during the
 * call, so it comes before the call's escalation; we compare the escalation rate of handled calls
 * where the connector failed with those where it was called and did not fail. Largest lift first.
 */
export function connectorEscalationLinks(rows: readonly InsightCallRow[]): ConnectorEscalationLink[] {
  const stats = new Map<
    string,
    { calls: number; failed: InsightCallRow[]; failedEscalated: InsightCallRow[]; okEscalated: number }
  >();
  for (const row of rows) {
    if (!row.handled) continue;
    const escalated = row.outcome === 'escalated';
    for (const connector of row.calledConnectors) {
      const s = stats.get(connector) ?? { calls: 0, failed: [], failedEscalated: [], okEscalated: 0 };
      s.calls++;
      if (row.failedConnectors.includes(connector)) {
        s.failed.push(row);
        if (escalated) s.failedEscalated.push(row);
      } else if (escalated) {
        s.okEscalated++;
      }
      stats.set(connector, s);
    }
  }
  const out: ConnectorEscalationLink[] = [];
  for (const [connector, s] of stats) {
    const okCalls = s.calls - s.failed.length;
    const after = s.failed.length > 0 ? s.failedEscalated.length / s.failed.length : null;
    const otherwise = okCalls > 0 ? s.okEscalated / okCalls : null;
    const test = twoProportionTest(s.okEscalated, okCalls, s.failedEscalated.length, s.failed.length);
    out.push({
      connector,
      calls: s.calls,
      failedCalls: s.failed.length,
      escalationRateAfterFailure: after,
      escalationRateOtherwise: otherwise,
      lift: after !== null && otherwise !== null && otherwise > 0 ? after / otherwise : null,
      confidence: test?.confidence ?? null,
      examples: latestExamples(s.failedEscalated, () => `${connector} failed, then escalated`),
    });
  }
  const key = (l: ConnectorEscalationLink): number =>
    (l.escalationRateAfterFailure ?? -1) - (l.escalationRateOtherwise ?? 0);
  return out.sort((a, b) => key(b) - key(a) || a.connector.localeCompare(b.connector));
}
