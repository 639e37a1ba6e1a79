import type { AnsweredBy, Direction, Outcome, Sentiment, Stage } from '@lumay/conventions';
import type { PriceableUsage } from './priceable-usage.js';

/** Latency of one stage over a call: how many spans, their summed and largest duration. */
export interface StageLatency {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface ConnectorCall {
  spanId: string;
  connector: string;
  /** `lumay.connector.kind` (`crm`, `calendar`, …); '' when not stated. */
  kind: string;
  operation: string;
  success: boolean;
  startUs: number;
  durationMs: number;
  retries: number;
  timedOut: boolean;
  /** `error.type`, the status message, or '' on success. */
  errorType: string;
}

export interface WorkItem {
  type: string;
  id: string;
  system: string;
  spanId: string;
}

export interface BusinessEvent {
  name: string;
  value: number | null;
  spanId: string;
}

export interface UsageTotals {
  sttAudioSeconds: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  ttsCharacters: number;
  telephonySeconds: number;
}

/** Cost in US dollars by component; `total` is their sum. */
export interface CostBreakdown {
  telephony: number;
  stt: number;
  llm: number;
  tts: number;
  connector: number;
  other: number;
  total: number;
  /** True when any part came from a `lumay.cost.usd` the engine stated. */
  stated: boolean;
}

/**
 * One call as one wide record: what the KPIs are computed from. Built by the assembler from all of
 * a trace's spans; rebuilt (and replaced, never added twice) when late spans arrive.
 */
export interface CallSession {
  tenantId: string;
  callId: string;
  traceId: string;
  serviceName: string;
  agentId: string;
  agentName: string;
  agentVersion: string;
  campaignId: string;
  direction: Direction;
  startUs: number;
  endUs: number;
  durationMs: number;
  outcome: Outcome;
  /** True when the engine did not state the outcome and the assembler inferred it. */
  outcomeInferred: boolean;
  answeredBy: AnsweredBy | null;
  /** True for inbound calls and for outbound calls answered by a live person. */
  handled: boolean;
  escalationReason: string;
  endReason: string;
  correlationId: string;
  callerHash: string;
  sentiment: Sentiment | null;
  sentimentScore: number | null;
  /** Where the sentiment came from: the engine stated it, or the plane read the caller's words. */
  sentimentSource: 'stated' | 'transcript' | null;
  /** Transcript sentiment only: how the caller's mood moved from the first third of the call to the last. */
  sentimentTrajectory: 'improved' | 'worsened' | 'steady' | null;
  /** Transcript sentiment only: the score of the first third (sentimentScore is the last third's). */
  sentimentStartScore: number | null;
  turns: number;
  spanCount: number;
  /** Per-stage latency; stages that did not occur are absent. */
  stages: Partial<Record<Stage, StageLatency>>;
  /** The stage with the largest total time, or null when the call has no stage spans. */
  bottleneckStage: Stage | null;
  connectorCalls: ConnectorCall[];
  workItems: WorkItem[];
  businessEvents: BusinessEvent[];
  /** The call tried to book an appointment (a calendar connector call, or a booking recorded). */
  appointmentAttempted: boolean;
  /** …and booked one (appointment-outcome.ts). */
  appointmentBooked: boolean;
  /** The root span's scalar attributes (root-attributes.ts): dimensions for tenant KPIs. */
  rootAttributes: Record<string, string | number | boolean>;
  usage: UsageTotals;
  /** The usage as a price book prices it; kept so a price change can re-price the call. */
  priceableUsage: PriceableUsage;
  cost: CostBreakdown;
  /** False when the call expired (max call length) without its root span. */
  complete: boolean;
  /** When the plane finalised this version of the record (microseconds since the epoch). */
  completedAtUs: number;
  /** 1 for the first version; +1 on each amendment by late spans. */
  revision: number;
}
