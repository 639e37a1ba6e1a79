import type { Outcome, Stage } from '@lumay/conventions';

/** The few columns of one session that the insight computations read (no spans, no transcript). */
export interface InsightCallRow {
  callId: string;
  startUs: number;
  agentVersion: string;
  outcome: Outcome;
  handled: boolean;
  escalationReason: string;
  sentiment: string | null;
  durationMs: number;
  totalCostUsd: number;
  bottleneckStage: Stage | null;
  /** Total milliseconds spent per hop (stage) in this call. */
  stageMs: Partial<Record<Stage, number>>;
  /** Connectors that failed at least once in this call, distinct, sorted. */
  failedConnectors: string[];
  /** Connectors called at least once in this call, distinct, sorted. */
  calledConnectors: string[];
}

/** A call an insight points at, so the console can open it. */
export interface ExampleCall {
  callId: string;
  start: string;
  outcome: Outcome;
  /** Why this call was chosen (e.g. "llm 8 420 ms"). */
  note: string;
}

/** Spend per cost component over a window: every call, and the handled calls escalated anyway. */
export interface CostComponents {
  calls: number;
  components: { component: string; totalUsd: number; escalatedUsd: number }[];
}
