import { SENTIMENTS, type Sentiment } from '@lumay/conventions';
import type { CallPlan } from './call-plan.js';
import { isHandled } from './plan-timing.js';

/**
 * What the plane's KPI summary must return for a set of plans sent to a fresh tenant: the fields
 * of the server's KpiSummary except the cost ones, which depend on the plane's price table.
 * Definitions: docs/kpis.md (DESIGN.md "KPI definitions"). Rates are null when their denominator
 * is zero.
 */
export interface ExpectedKpis {
  calls: number;
  handled: number;
  resolved: number;
  escalated: number;
  abandoned: number;
  failed: number;
  unanswered: number;
  inferredOutcomes: number;
  containmentRate: number | null;
  escalationRate: number | null;
  avgDurationMs: number | null;
  p50DurationMs: number | null;
  p90DurationMs: number | null;
  connectorCalls: number;
  connectorSuccesses: number;
  connectorSuccessRate: number | null;
  outboundAttempts: number;
  outboundAnswered: number;
  outboundAnswerRate: number | null;
  workItems: Record<string, number>;
  sentiment: ExpectedSentiment;
}

export interface ExpectedSentiment extends Record<Sentiment, number> {
  /** Handled calls with a label: the denominator of the shares. */
  labelled: number;
  positiveShare: number | null;
  neutralShare: number | null;
  negativeShare: number | null;
}

export interface ConnectorTruth {
  connector: string;
  calls: number;
  successes: number;
  successRate: number | null;
  /** Failed calls per `error.type`, keys sorted. */
  failuresByError: Record<string, number>;
}

function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Quantile of sorted values by linear interpolation between the two nearest ranks, as DuckDB's
 * `quantile_cont` (and PostgreSQL's `percentile_cont`) computes it: position q·(n−1), then
 * lower + fraction × (upper − lower). Null for no values.
 */
export function quantileCont(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
}

export function groundTruth(plans: readonly CallPlan[]): ExpectedKpis {
  const handled = plans.filter(isHandled);
  const count = (predicate: (plan: CallPlan) => boolean): number => handled.filter(predicate).length;
  const resolved = count((p) => p.outcome === 'resolved');
  const escalated = count((p) => p.outcome === 'escalated');
  const durations = handled.map((p) => p.durationMs).sort((a, b) => a - b);
  const connectors = connectorTruth(plans);
  const connectorCalls = connectors.reduce((sum, c) => sum + c.calls, 0);
  const connectorSuccesses = connectors.reduce((sum, c) => sum + c.successes, 0);
  const outbound = plans.filter((p) => p.direction === 'outbound');
  const outboundAnswered = outbound.filter(isHandled).length;
  return {
    calls: plans.length,
    handled: handled.length,
    resolved,
    escalated,
    abandoned: count((p) => p.outcome === 'abandoned'),
    failed: count((p) => p.outcome === 'failed'),
    unanswered: plans.length - handled.length,
    inferredOutcomes: plans.filter((p) => !p.outcomeStated).length,
    containmentRate: rate(resolved, handled.length),
    escalationRate: rate(escalated, handled.length),
    avgDurationMs: durations.length === 0 ? null : durations.reduce((sum, d) => sum + d, 0) / durations.length,
    p50DurationMs: quantileCont(durations, 0.5),
    p90DurationMs: quantileCont(durations, 0.9),
    connectorCalls,
    connectorSuccesses,
    connectorSuccessRate: rate(connectorSuccesses, connectorCalls),
    outboundAttempts: outbound.length,
    outboundAnswered,
    outboundAnswerRate: rate(outboundAnswered, outbound.length),
    workItems: workItemsByType(plans),
    sentiment: sentimentOf(handled),
  };
}

/** Every connector call of every call, answered or not, per connector name (sorted). */
export function connectorTruth(plans: readonly CallPlan[]): ConnectorTruth[] {
  const tally = new Map<string, { calls: number; successes: number; failures: Map<string, number> }>();
  for (const call of plans.flatMap((p) => p.turns.flatMap((t) => t.connectors))) {
    const entry = tally.get(call.connector) ?? { calls: 0, successes: 0, failures: new Map<string, number>() };
    entry.calls++;
    if (call.success) entry.successes++;
    else increment(entry.failures, call.errorType ?? '');
    tally.set(call.connector, entry);
  }
  return [...tally.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([connector, { calls, successes, failures }]) => ({
      connector,
      calls,
      successes,
      successRate: rate(successes, calls),
      failuresByError: sortedRecord(failures),
    }));
}

/** Only types that occur, keys sorted, as the plane's GROUP BY returns them. */
function workItemsByType(plans: readonly CallPlan[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const plan of plans) {
    for (const call of plan.turns.flatMap((t) => t.connectors)) if (call.workItem !== null) increment(counts, call.workItem.type);
  }
  return sortedRecord(counts);
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedRecord(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => compareText(a, b)));
}

function sentimentOf(handled: readonly CallPlan[]): ExpectedSentiment {
  const counts: Record<Sentiment, number> = { positive: 0, neutral: 0, negative: 0 };
  for (const plan of handled) if (plan.sentiment !== null) counts[plan.sentiment]++;
  const labelled = SENTIMENTS.reduce((sum, s) => sum + counts[s], 0);
  return {
    ...counts,
    labelled,
    positiveShare: rate(counts.positive, labelled),
    neutralShare: rate(counts.neutral, labelled),
    negativeShare: rate(counts.negative, labelled),
  };
}

/**
 * A query window holding every call's start: [earliest start, latest start + 1 ms). Sessions
 * count in the window of their start (DESIGN.md), so this window sees exactly these calls.
 */
export function planWindow(plans: readonly CallPlan[]): { fromMs: number; toMs: number } | null {
  if (plans.length === 0) return null;
  let fromMs = Infinity;
  let lastStartMs = -Infinity;
  for (const plan of plans) {
    fromMs = Math.min(fromMs, plan.startMs);
    lastStartMs = Math.max(lastStartMs, plan.startMs);
  }
  return { fromMs, toMs: lastStartMs + 1 };
}

/** The file `--ground-truth` writes: the query window, the summary KPIs and the per-connector rates. */
export interface GroundTruthDocument {
  window: { from: string; to: string; fromMs: number; toMs: number } | null;
  kpis: ExpectedKpis;
  connectors: ConnectorTruth[];
}

export function groundTruthDocument(plans: readonly CallPlan[]): GroundTruthDocument {
  const window = planWindow(plans);
  return {
    window: window && { from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString(), ...window },
    kpis: groundTruth(plans),
    connectors: connectorTruth(plans),
  };
}
