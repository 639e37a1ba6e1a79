/** The API's shapes the console reads (see docs/api.md); only the fields used here. */

export interface KpiSummary {
  calls: number;
  handled: number;
  resolved: number;
  escalated: number;
  abandoned: number;
  failed: number;
  unanswered: number;
  containmentRate: number | null;
  escalationRate: number | null;
  avgDurationMs: number | null;
  p50DurationMs: number | null;
  p90DurationMs: number | null;
  connectorCalls: number;
  connectorSuccesses: number;
  connectorSuccessRate: number | null;
  outboundAttempts: number;
  outboundAnswerRate: number | null;
  workItems: Record<string, number>;
  sentiment: {
    positiveShare: number | null;
    neutralShare: number | null;
    negativeShare: number | null;
    labelled: number;
  };
  appointments: { attempted: number; booked: number; conversionRate: number | null };
  surveys: { csatScore: number | null; csatResponses: number; nps: number | null; npsResponses: number };
  totalCostUsd: number;
  costPerCallUsd: number | null;
  costPerResolvedUsd: number | null;
  escalatedCostUsd: number;
  humanCostAvoidedUsd: number | null;
  savingsUsd: number | null;
  roi: number | null;
}

export interface SeriesPoint {
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
  failuresByError: { errorType: string; count: number }[];
}

export interface CallItem {
  callId: string;
  traceId: string;
  agentId: string;
  agentVersion: string;
  campaignId: string;
  direction: string;
  startUs: number;
  durationMs: number;
  outcome: string;
  escalationReason: string;
  sentiment: string | null;
  bottleneckStage: string | null;
  connectorCalls: number;
  connectorFailures: number;
  totalCostUsd: number;
  correlationId: string;
}

export interface ExampleCall {
  callId: string;
  start: string;
  outcome: string;
  note: string;
}

export interface Comparison {
  difference: number;
  pValue: number;
  confidence: number;
}

export interface Insights {
  calls: number;
  previousCalls: number;
  previousWindow: { from: string; to: string };
  escalationReasons: {
    reason: string;
    count: number;
    previousCount: number;
    rate: number | null;
    previousRate: number | null;
    confidence: number | null;
    examples: ExampleCall[];
  }[];
  connectorEscalations: {
    connector: string;
    calls: number;
    failedCalls: number;
    escalationRateAfterFailure: number | null;
    escalationRateOtherwise: number | null;
    lift: number | null;
    confidence: number | null;
    examples: ExampleCall[];
  }[];
  latency: {
    dominant: string | null;
    hops: { stage: string; totalMs: number; share: number; bottleneckCalls: number }[];
    examples: ExampleCall[];
  };
  sentimentSlide: {
    buckets: { start: string; handled: number; negativeShare: number | null; escalationRate: number | null }[];
    laggedCorrelation: number | null;
    detected: boolean;
    risesAt: string | null;
    examples: ExampleCall[];
  };
}

export interface VersionComparison {
  baseline: string | null;
  metrics: { key: string; label: string; kind: 'rate' | 'mean'; higherIsBetter: boolean }[];
  versions: {
    version: string;
    calls: number;
    metrics: Record<
      string,
      { value: number | null; interval: { low: number; high: number } | null; vsBaseline: Comparison | null }
    >;
  }[];
}
