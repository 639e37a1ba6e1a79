import type { Direction, Outcome } from '@lumay/conventions';

/** Which sessions a KPI query covers. A session belongs to the window of its start (DESIGN.md). */
export interface CallFilter {
  tenantId: string;
  /** Inclusive start of the window, microseconds since the epoch. */
  fromUs: number;
  /** Exclusive end of the window. */
  toUs: number;
  agentId?: string;
  agentVersion?: string;
  direction?: Direction;
  campaignId?: string;
}

export interface SentimentDistribution {
  positive: number;
  neutral: number;
  negative: number;
  /** Handled calls carrying a sentiment label: the denominator of the shares. */
  labelled: number;
  positiveShare: number | null;
  neutralShare: number | null;
  negativeShare: number | null;
}

/** CSAT (1–5) and NPS (0–10) results posted for the sessions, joined by call or correlation id. */
export interface SurveyKpis {
  csatResponses: number;
  /** Responses of 4 or 5. */
  csatSatisfied: number;
  /** **CSAT** = satisfied / responses (0..1). */
  csatScore: number | null;
  csatAverage: number | null;
  npsResponses: number;
  /** 9–10. */
  npsPromoters: number;
  /** 7–8. */
  npsPassives: number;
  /** 0–6. */
  npsDetractors: number;
  /** **NPS** = (promoters − detractors) / responses × 100, −100..100. */
  nps: number | null;
}

export interface AppointmentKpis {
  /** Handled calls that tried to book (a calendar connector call, or a booking recorded). */
  attempted: number;
  booked: number;
  /** **Appointment conversion** = booked / attempted. */
  conversionRate: number | null;
}

/** Every KPI of docs/kpis.md over one set of sessions. Rates are 0..1, null when undefined (0/0). */
export interface KpiSummary {
  calls: number;
  handled: number;
  resolved: number;
  escalated: number;
  abandoned: number;
  failed: number;
  unanswered: number;
  /** Sessions whose outcome was inferred rather than stated by the engine. */
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
  /** Work items created, by type (ticket, crm_update, …). */
  workItems: Record<string, number>;
  sentiment: SentimentDistribution;
  appointments: AppointmentKpis;
  surveys: SurveyKpis;
  totalCostUsd: number;
  /** total cost / calls (every session, unanswered attempts included). */
  costPerCallUsd: number | null;
  /** total cost / resolved calls. */
  costPerResolvedUsd: number | null;
  /** What the agent spent on handled calls that were escalated to a person anyway. */
  escalatedCostUsd: number;
  /** resolved × the tenant's human cost per call; null when the tenant set no human cost. */
  humanCostAvoidedUsd: number | null;
  /** human cost avoided − total cost; null when the tenant set no human cost. */
  savingsUsd: number | null;
  /** savings / total cost; null without a human cost or without cost. */
  roi: number | null;
}

export type Bucket = 'hour' | 'day';

export interface KpiSeriesPoint {
  bucketStartUs: number;
  kpis: KpiSummary;
}

export interface ConnectorStats {
  connector: string;
  calls: number;
  successes: number;
  successRate: number | null;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  /** Failures grouped by error type, largest first. */
  failuresByError: { errorType: string; count: number }[];
}

/** What the call list is ordered by: call start, duration or total cost. */
export const CALL_SORTS = ['start', 'duration', 'cost'] as const;
export type CallSort = (typeof CALL_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface CallListQuery extends CallFilter {
  outcome?: Outcome;
  /** Exact escalation reason. */
  escalationReason?: string;
  /** Default: start, descending (newest first). */
  sort?: CallSort;
  order?: SortOrder;
  /** Exact call id, trace id or correlation id. */
  search?: string;
  limit: number;
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor?: string;
}

/** One row of the call list: the session without its nested arrays. */
export interface CallListItem {
  callId: string;
  traceId: string;
  agentId: string;
  agentVersion: string;
  campaignId: string;
  direction: Direction;
  startUs: number;
  durationMs: number;
  outcome: Outcome;
  outcomeInferred: boolean;
  answeredBy: string | null;
  escalationReason: string;
  sentiment: string | null;
  bottleneckStage: string | null;
  connectorCalls: number;
  connectorFailures: number;
  totalCostUsd: number;
  correlationId: string;
}

export interface CallListPage {
  items: CallListItem[];
  nextCursor: string | null;
}
