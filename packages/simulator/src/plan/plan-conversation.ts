import type { WorkItemType } from '@lumay/conventions';
import { CONNECTOR_RETRY_RATE, CONNECTORS, INTENT_STEPS, type AgentRef, type ConnectorStep, type Intent } from './call-mix.js';
import type { ConnectorPlan, TurnPlan } from './call-plan.js';
import { turnEndOffsetMs } from './plan-timing.js';
import type { Random } from './random.js';
import { linesFor, type Closing, type TurnLines } from './transcript-bank.js';

export interface ConversationRequest {
  intent: Intent;
  agent: AgentRef;
  /** When the first turn starts (after call setup). */
  startOffsetMs: number;
  /** The last turn should end by then; the first turn happens regardless. */
  endByOffsetMs: number;
  /** How the last turn ends; null when the call breaks off (caller hangs up, technical failure). */
  closing: Closing | null;
}

/** Typical conversational speech rates: callers ~2.6 words/s, neural TTS ~14 characters/s. */
const CALLER_WORDS_PER_SECOND = 2.6;
const TTS_CHARACTERS_PER_SECOND = 14;
/** A system prompt with tool definitions, and what each tool result adds to the context. */
const SYSTEM_PROMPT_TOKENS = 850;
const TOOL_RESULT_TOKENS = 120;
/** Prompt caching applies from this many tokens, in steps of 128 (OpenAI's documented rule). */
const CACHE_MIN_TOKENS = 1024;

const WORK_ITEM_PREFIX: Partial<Record<WorkItemType, string>> = { ticket: 'TCK', crm_update: 'CRM', appointment: 'APT' };

function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

function connectorCalls(rng: Random, step: ConnectorStep): ConnectorPlan[] {
  const profile = CONNECTORS[step.connector];
  const calls: ConnectorPlan[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const success = !rng.chance(profile.failureRate);
    const errorType = success ? null : rng.pick(profile.errorTypes);
    // A timed-out call waits out the client's timeout; other failures come back at normal speed.
    const durationMs = Math.round(errorType === 'timeout' ? rng.between(3000, 5000) : rng.logNormal(profile.medianMs, 0.4, 60, 4000));
    const workItem =
      success && step.creates !== null ? { type: step.creates, id: `${WORK_ITEM_PREFIX[step.creates] ?? 'WI'}-${rng.int(100_000, 999_999)}` } : null;
    calls.push({ connector: step.connector, operation: step.operation, success, errorType, workItem, durationMs });
    if (success || !rng.chance(CONNECTOR_RETRY_RATE)) break;
  }
  return calls;
}

interface TurnContext {
  rng: Random;
  agent: AgentRef;
  /** Tokens of the conversation so far, system prompt included. */
  contextTokens: number;
  previousInputTokens: number;
}

function planTurn(ctx: TurnContext, index: number, startOffsetMs: number, lines: TurnLines, steps: readonly ConnectorStep[]): TurnPlan {
  const { rng } = ctx;
  const words = lines.caller.split(/\s+/).length;
  const callerSpeechMs = Math.round(((words / CALLER_WORDS_PER_SECOND + 0.4) * 1000) * rng.between(0.85, 1.2));
  const connectors = steps.flatMap((step) => connectorCalls(rng, step));
  const inputTokens = ctx.contextTokens + tokensOf(lines.caller);
  const cachedInputTokens = ctx.previousInputTokens >= CACHE_MIN_TOKENS ? Math.floor(ctx.previousInputTokens / 128) * 128 : 0;
  // Every tool call is a few dozen tokens of JSON arguments on top of the spoken reply.
  const outputTokens = tokensOf(lines.agent) + 30 * connectors.length;
  ctx.previousInputTokens = inputTokens;
  ctx.contextTokens = inputTokens + tokensOf(lines.agent) + TOOL_RESULT_TOKENS * connectors.length;
  return {
    number: index + 1,
    startOffsetMs,
    callerText: lines.caller,
    callerSpeechMs,
    sttMs: Math.round(rng.logNormal(180, 0.35, 60, 1500)),
    llmMs: Math.round(rng.logNormal(llmMedianMs(ctx.agent), 0.45, 200, 6000)),
    inputTokens,
    cachedInputTokens,
    outputTokens,
    connectors,
    agentText: lines.agent,
    ttsMs: Math.round(rng.logNormal(240, 0.35, 80, 1500)),
    agentSpeechMs: Math.round((lines.agent.length / TTS_CHARACTERS_PER_SECOND) * 1000 * rng.between(0.9, 1.1)),
  };
}

/** Time to first token grows with the model's size; these are typical 2025 values. */
function llmMedianMs(agent: AgentRef): number {
  return agent.model === 'gpt-4o-mini' ? 650 : agent.model === 'claude-3-5-haiku' ? 900 : 780;
}

/**
 * The turns of a handled call. Turns are added while they fit before `endByOffsetMs`; the last one
 * is then re-planned with the closing lines, and the slack left before `endByOffsetMs` is spread
 * over the pauses between turns, so the conversation fills the call as a real one does.
 */
export function planConversation(rng: Random, request: ConversationRequest): TurnPlan[] {
  const steps = INTENT_STEPS[request.intent];
  const pick = (count: number): number => rng.int(0, count - 1);
  const stepsOf = (index: number): readonly ConnectorStep[] => (index >= 1 && index <= steps.length ? [steps[index - 1]] : []);
  const ctx: TurnContext = { rng, agent: request.agent, contextTokens: SYSTEM_PROMPT_TOKENS, previousInputTokens: 0 };

  const turns: TurnPlan[] = [];
  let at = request.startOffsetMs;
  for (;;) {
    const turn = planTurn(ctx, turns.length, at, linesFor(request.intent, turns.length, null, pick), stepsOf(turns.length));
    if (turns.length > 0 && turnEndOffsetMs(turn) > request.endByOffsetMs) break;
    turns.push(turn);
    at = turnEndOffsetMs(turn) + Math.round(rng.between(300, 1500));
  }

  if (request.closing !== null) {
    const last = turns.length - 1;
    const redo = turns[last];
    ctx.contextTokens = redo.inputTokens - tokensOf(redo.callerText);
    ctx.previousInputTokens = last === 0 ? 0 : turns[last - 1].inputTokens;
    turns[last] = planTurn(ctx, last, redo.startOffsetMs, linesFor(request.intent, last, request.closing, pick), stepsOf(last));
  }

  const slackMs = request.endByOffsetMs - turnEndOffsetMs(turns[turns.length - 1]);
  if (slackMs > 0 && turns.length > 1) {
    turns.forEach((turn, i) => {
      turn.startOffsetMs += Math.floor((slackMs * i) / turns.length);
    });
  }
  return turns;
}
