import type { KpiSummary } from '../kpis/kpi-types.js';
import type { InsightCallRow } from './insight-types.js';
import {
  sampleOf,
  twoProportionTest,
  welchTest,
  wilsonInterval,
  type Comparison,
  type Interval,
} from './proportion-stats.js';

/** A KPI of one version, with its 95 % interval and its difference from the baseline version. */
export interface VersionMetric {
  value: number | null;
  /** Wilson interval for rates; mean ± 1.96 standard errors for means; null when not defined. */
  interval: Interval | null;
  /** Against the baseline version: two-proportion z-test for rates, Welch for means. */
  vsBaseline: Comparison | null;
}

export interface VersionColumn {
  version: string;
  calls: number;
  kpis: KpiSummary;
  metrics: Record<string, VersionMetric>;
}

export interface VersionComparison {
  /** The version the others are compared with: the one with the most calls. */
  baseline: string | null;
  /** The metrics compared, with the KPI each comes from (docs/kpis.md). */
  metrics: { key: string; label: string; kind: 'rate' | 'mean'; higherIsBetter: boolean }[];
  versions: VersionColumn[];
}

type RateOf = (k: KpiSummary) => [successes: number, n: number];

const RATES: { key: string; label: string; higherIsBetter: boolean; of: RateOf }[] = [
  { key: 'containmentRate', label: 'Containment', higherIsBetter: true, of: (k) => [k.resolved, k.handled] },
  { key: 'escalationRate', label: 'Escalation rate', higherIsBetter: false, of: (k) => [k.escalated, k.handled] },
  {
    key: 'connectorSuccessRate',
    label: 'Connector success',
    higherIsBetter: true,
    of: (k) => [k.connectorSuccesses, k.connectorCalls],
  },
  {
    key: 'negativeShare',
    label: 'Negative sentiment',
    higherIsBetter: false,
    of: (k) => [k.sentiment.negative, k.sentiment.labelled],
  },
  {
    key: 'outboundAnswerRate',
    label: 'Outbound answer rate',
    higherIsBetter: true,
    of: (k) => [k.outboundAnswered, k.outboundAttempts],
  },
  {
    key: 'appointmentConversion',
    label: 'Appointment conversion',
    higherIsBetter: true,
    of: (k) => [k.appointments.booked, k.appointments.attempted],
  },
  {
    key: 'csatScore',
    label: 'CSAT',
    higherIsBetter: true,
    of: (k) => [k.surveys.csatSatisfied, k.surveys.csatResponses],
  },
];

/** Per-call means, over the same calls as their KPI: duration over handled calls, cost over every call. */
const MEANS: {
  key: string;
  label: string;
  higherIsBetter: boolean;
  of: (r: InsightCallRow) => number;
  counts: (r: InsightCallRow) => boolean;
}[] = [
  {
    key: 'avgDurationMs',
    label: 'Average duration',
    higherIsBetter: false,
    of: (r) => r.durationMs,
    counts: (r) => r.handled,
  },
  {
    key: 'costPerCallUsd',
    label: 'Cost per call',
    higherIsBetter: false,
    of: (r) => r.totalCostUsd,
    counts: () => true,
  },
];

/**
 * Agent versions side by side on every rate KPI and the per-call means, each with its interval
 * and the confidence that it differs from the baseline (the busiest version).
 */
export function compareVersions(
  summaries: Map<string, KpiSummary>,
  rows: readonly InsightCallRow[],
): VersionComparison {
  const ordered = [...summaries.entries()].sort((a, b) => b[1].calls - a[1].calls || a[0].localeCompare(b[0]));
  const baseline = ordered[0];
  const rowsOf = new Map<string, number[][]>();
  for (const [version] of ordered)
    rowsOf.set(
      version,
      MEANS.map(() => []),
    );
  for (const row of rows) {
    rowsOf.get(row.agentVersion)?.forEach((values, i) => {
      const mean = MEANS[i];
      if (mean?.counts(row)) values.push(mean.of(row));
    });
  }
  const versions = ordered.map(([version, kpis]) => {
    const metrics: Record<string, VersionMetric> = {};
    for (const rate of RATES) {
      const [s, n] = rate.of(kpis);
      const [bs, bn] = baseline ? rate.of(baseline[1]) : [0, 0];
      metrics[rate.key] = {
        value: n > 0 ? s / n : null,
        interval: wilsonInterval(s, n),
        vsBaseline: baseline && version !== baseline[0] ? twoProportionTest(bs, bn, s, n) : null,
      };
    }
    MEANS.forEach((mean, i) => {
      const sample = sampleOf(rowsOf.get(version)?.[i] ?? []);
      const base = baseline ? sampleOf(rowsOf.get(baseline[0])?.[i] ?? []) : null;
      const half = sample.n > 1 ? 1.96 * Math.sqrt(sample.variance / sample.n) : null;
      metrics[mean.key] = {
        value: sample.n > 0 ? sample.mean : null,
        interval: half === null ? null : { low: sample.mean - half, high: sample.mean + half },
        vsBaseline: base && baseline && version !== baseline[0] ? welchTest(base, sample) : null,
      };
    });
    return { version, calls: kpis.calls, kpis, metrics };
  });
  return {
    baseline: baseline?.[0] ?? null,
    metrics: [
      ...RATES.map((r) => ({ key: r.key, label: r.label, kind: 'rate' as const, higherIsBetter: r.higherIsBetter })),
      ...MEANS.map((m) => ({ key: m.key, label: m.label, kind: 'mean' as const, higherIsBetter: m.higherIsBetter })),
    ],
    versions,
  };
}
