import type { CallPlan, TurnPlan } from './call-plan.js';

/** Inbound, or answered by a live person (DESIGN.md "KPI definitions"). */
export function isHandled(plan: CallPlan): boolean {
  return plan.direction === 'inbound' || plan.answeredBy === 'human';
}

export function turnDurationMs(turn: TurnPlan): number {
  const connectorsMs = turn.connectors.reduce((sum, c) => sum + c.durationMs, 0);
  return turn.callerSpeechMs + turn.sttMs + turn.llmMs + connectorsMs + turn.ttsMs + turn.agentSpeechMs;
}

export function turnEndOffsetMs(turn: TurnPlan): number {
  return turn.startOffsetMs + turnDurationMs(turn);
}
