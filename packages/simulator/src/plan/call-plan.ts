import type { AnsweredBy, Direction, Outcome, Sentiment, WorkItemType } from '@lumay/conventions';
import { createHash } from 'node:crypto';
import type { AgentRef } from './call-mix.js';
import { planCall } from './plan-call.js';
import { Random } from './random.js';

/**
 * One call, decided in full before anything is emitted: emitCall turns it into spans and log
 * records, groundTruth into the KPIs the plane must report. Times are whole milliseconds; offsets
 * are from the call's start, so a plan can be replayed at any wall-clock time.
 */
export interface CallPlan {
  callId: string;
  correlationId: string;
  /** SHA-256 of the caller's number: repeat callers share it (for callback analysis). */
  callerHash: string;
  direction: Direction;
  /** Outbound calls only. */
  campaignId: string | null;
  agent: AgentRef;
  /** Outbound calls only: who picked up. */
  answeredBy: AnsweredBy | null;
  outcome: Outcome;
  /** False: `lumay.call.outcome` is left out and the plane infers it from a transfer span or a root error. */
  outcomeStated: boolean;
  escalationReason: string | null;
  endReason: string | null;
  /** A failed call's technical cause, on the root span with status ERROR. */
  errorType: string | null;
  sentiment: Sentiment | null;
  /** On the −1..1 scale, consistent with `sentiment`. */
  sentimentScore: number | null;
  startMs: number;
  durationMs: number;
  /** Length of the telephony span: call setup, or the whole dial when nobody answered. */
  telephonyMs: number;
  /** Billed line time; zero for dials that never connected. */
  telephonySeconds: number;
  turns: TurnPlan[];
  transfer: { offsetMs: number; durationMs: number } | null;
}

/**
 * One exchange: the caller speaks, speech-to-text, the LLM, connector calls, text-to-speech, then
 * the agent speaks. The stage spans run back to back in that order from the end of the caller's
 * speech; the turn span covers it all.
 */
export interface TurnPlan {
  number: number;
  startOffsetMs: number;
  callerText: string;
  callerSpeechMs: number;
  sttMs: number;
  llmMs: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  connectors: ConnectorPlan[];
  /** Spoken by TTS: its length is the TTS character count. */
  agentText: string;
  ttsMs: number;
  agentSpeechMs: number;
}

export interface ConnectorPlan {
  connector: string;
  operation: string;
  success: boolean;
  /** Failures only. */
  errorType: string | null;
  /** What a successful call created, if anything. */
  workItem: { type: WorkItemType; id: string } | null;
  durationMs: number;
}

export interface PlanOptions {
  calls: number;
  seed: number;
  /** Calls are placed before this instant (default: now), so every one has ended when it is sent. */
  nowMs?: number;
  /** Calls start within this many minutes before `nowMs` (default 6 hours). */
  spreadMinutes?: number;
}

/** A finished call ended at least this long before `nowMs`. */
const MIN_END_AGE_MS = 30_000;

/**
 * `options.calls` plans, the same for the same seed and `nowMs`, sorted by start time. Tenant-
 * agnostic: the tenant is whoever owns the API key they are sent with.
 */
export function planCalls(options: PlanOptions): CallPlan[] {
  const rng = new Random(options.seed);
  const nowMs = Math.floor(options.nowMs ?? Date.now());
  const spreadMs = (options.spreadMinutes ?? 360) * 60_000;
  const callers = callerPool(rng, Math.max(1, Math.ceil(options.calls * 0.8)));
  const plans: CallPlan[] = [];
  for (let i = 0; i < options.calls; i++) {
    const plan = planCall(rng, rng.pick(callers));
    const agoMs = rng.between(plan.durationMs + MIN_END_AGE_MS, Math.max(spreadMs, plan.durationMs + 2 * MIN_END_AGE_MS));
    plan.startMs = nowMs - Math.round(agoMs);
    plans.push(plan);
  }
  return plans.sort((a, b) => a.startMs - b.startMs);
}

/** Hashed phone numbers; fewer than calls, so some callers call more than once. */
function callerPool(rng: Random, size: number): string[] {
  const base = rng.int(0, 9_999_999);
  return Array.from({ length: size }, (_, i) => {
    const number = `+1555${String((base + i * 7919) % 10_000_000).padStart(7, '0')}`;
    return createHash('sha256').update(number).digest('hex');
  });
}
