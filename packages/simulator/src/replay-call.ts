import type { CallPlan, ConnectorPlan, TurnPlan } from './plan/call-plan.js';
import type { CallSession, CallTracer, TurnSpan } from '@lumay/telemetry';

/** Vendors named on the stage spans; the plane prices by model and stage, not by these. */
const TELEPHONY_PROVIDER = 'twilio';
const STT_PROVIDER = 'deepgram';
const TTS_PROVIDER = 'elevenlabs';

/**
 * Replays one planned call through the SDK's call-session API with the plan's timestamps, so a
 * call that lasted minutes is sent in a moment and lands in the plane exactly as planned. Returns
 * the number of spans emitted. Transcript lines are not sent: the ground truth's sentiment is the
 * stated one, and the plane would otherwise score unlabelled calls from their words.
 */
export function replayCall(plan: CallPlan, calls: CallTracer): number {
  const t0 = plan.startMs;
  const call = calls.startCall({
    callId: plan.callId,
    direction: plan.direction,
    agent: { id: plan.agent.id, version: plan.agent.version },
    campaignId: plan.campaignId ?? undefined,
    callerHash: plan.callerHash,
    correlationId: plan.correlationId,
    attributes: { 'gen_ai.conversation.id': plan.callId },
    startTime: t0,
  });
  let spans = 2;
  call.startTelephony({ provider: TELEPHONY_PROVIDER, startTime: t0 }).end({ billedSeconds: plan.telephonySeconds, endTime: t0 + plan.telephonyMs });
  if (plan.answeredBy !== null) call.setAnsweredBy(plan.answeredBy);
  for (const turn of plan.turns) spans += replayTurn(plan, call, turn);
  if (plan.transfer !== null) {
    const start = t0 + plan.transfer.offsetMs;
    call.startTransfer({ reason: plan.escalationReason ?? 'unspecified', provider: TELEPHONY_PROVIDER, startTime: start }).end({ endTime: start + plan.transfer.durationMs });
    spans++;
  }
  if (plan.sentiment !== null || plan.sentimentScore !== null) call.setSentiment(plan.sentiment ?? undefined, plan.sentimentScore ?? undefined);
  call.end({
    // Left out on purpose for some calls: the plane's inference is part of what is exercised.
    outcome: plan.outcomeStated ? plan.outcome : undefined,
    escalationReason: plan.escalationReason ?? undefined,
    endReason: plan.endReason ?? undefined,
    errorType: plan.errorType ?? undefined,
    endTime: t0 + plan.durationMs,
  });
  return spans;
}

function replayTurn(plan: CallPlan, call: CallSession, turn: TurnPlan): number {
  const startMs = plan.startMs + turn.startOffsetMs;
  const span = call.startTurn({ number: turn.number, startTime: startMs });
  let at = startMs + turn.callerSpeechMs;
  span.startStt({ provider: STT_PROVIDER, startTime: at }).end({ audioSeconds: turn.callerSpeechMs / 1000, endTime: at + turn.sttMs });
  at += turn.sttMs;
  span.startLlm({ provider: plan.agent.provider, model: plan.agent.model, startTime: at }).end({
    inputTokens: turn.inputTokens,
    cachedInputTokens: turn.cachedInputTokens,
    outputTokens: turn.outputTokens,
    endTime: at + turn.llmMs,
  });
  at += turn.llmMs;
  for (const connector of turn.connectors) {
    replayConnector(span, connector, at);
    at += connector.durationMs;
  }
  span.startTts({ provider: TTS_PROVIDER, startTime: at }).end({ characters: turn.agentText.length, endTime: at + turn.ttsMs });
  at += turn.ttsMs;
  span.end({ endTime: at + turn.agentSpeechMs });
  return 4 + turn.connectors.length;
}

function replayConnector(turn: TurnSpan, plan: ConnectorPlan, startMs: number): void {
  const call = turn.startConnector({ name: plan.connector, kind: plan.connector, operation: plan.operation, startTime: startMs });
  const endTime = startMs + plan.durationMs;
  if (!plan.success) return call.fail({ errorType: plan.errorType ?? 'failed', timedOut: plan.errorType === 'timeout', endTime });
  call.succeed({ workItem: plan.workItem === null ? undefined : { ...plan.workItem, system: plan.connector }, endTime });
}
