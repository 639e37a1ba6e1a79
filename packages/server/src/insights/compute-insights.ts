import type { CallFilter, KpiSummary } from '../kpis/kpi-types.js';
import type { Store } from '../store/store.js';
import { connectorEscalationLinks, type ConnectorEscalationLink } from './connector-escalation-links.js';
import { dominantHop, type DominantHop } from './dominant-hop.js';
import { escalationReasonChanges, type EscalationReasonChange } from './escalation-reasons.js';
import { sentimentSlide, type SentimentSlide } from './sentiment-slide.js';
import { compareVersions, type VersionComparison } from './version-comparison.js';

export interface Insights {
  previousWindow: { from: string; to: string };
  calls: number;
  previousCalls: number;
  escalationReasons: EscalationReasonChange[];
  connectorEscalations: ConnectorEscalationLink[];
  latency: DominantHop;
  sentimentSlide: SentimentSlide;
}

/** At most this many versions are compared side by side (the busiest ones). */
export const MAX_VERSIONS = 8;

const iso = (us: number): string => new Date(us / 1000).toISOString();

/** What moved in the window and why, against the previous window of the same length and filters. */
export async function computeInsights(store: Store, filter: CallFilter): Promise<Insights> {
  const length = filter.toUs - filter.fromUs;
  const previousFilter = { ...filter, fromUs: filter.fromUs - length, toUs: filter.fromUs };
  const [current, previous] = await Promise.all([store.insightRows(filter), store.insightRows(previousFilter)]);
  return {
    previousWindow: { from: iso(previousFilter.fromUs), to: iso(previousFilter.toUs) },
    calls: current.length,
    previousCalls: previous.length,
    escalationReasons: escalationReasonChanges(current, previous),
    connectorEscalations: connectorEscalationLinks(current),
    latency: dominantHop(current),
    sentimentSlide: sentimentSlide(current, filter.fromUs, filter.toUs),
  };
}

/** Every agent version of the window (the busiest MAX_VERSIONS) on every KPI, with confidence. */
export async function computeVersionComparison(
  store: Store,
  filter: CallFilter,
  humanCostPerCallUsd: number | null,
): Promise<VersionComparison> {
  const rows = await store.insightRows(filter);
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.agentVersion, (counts.get(row.agentVersion) ?? 0) + 1);
  const versions = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_VERSIONS)
    .map(([v]) => v);
  const summaries = new Map<string, KpiSummary>();
  const results = await Promise.all(
    versions.map((v) => store.kpiSummary({ ...filter, agentVersion: v }, humanCostPerCallUsd)),
  );
  versions.forEach((v, i) => {
    const summary = results[i];
    if (summary) summaries.set(v, summary);
  });
  return compareVersions(summaries, rows);
}
