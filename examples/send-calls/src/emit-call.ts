import {
  ROOT_CONTEXT,
  SeverityNumber,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Logger,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import {
  CallAttr,
  ConnectorAttr,
  EventName,
  LogAttr,
  StageAttr,
  TurnAttr,
  UsageAttr,
  WorkItemAttr,
  type Stage,
  type TranscriptRole,
} from '@lumay/conventions';
import type { CallPlan, ConnectorPlan, TurnPlan } from '@lumay/simulator/call-plan';

export interface EmittedCounts {
  spans: number;
  logRecords: number;
}

/** Providers named on the stage spans; the plane prices by model and stage, not by these. */
const TELEPHONY_PROVIDER = 'twilio';
const STT_PROVIDER = 'deepgram';
const TTS_PROVIDER = 'elevenlabs';

/**
 * Emits one call as one trace, following docs/semantic-conventions.md: a root `call` span, a
 * `telephony` stage, per turn a `turn` span with `stt`, `llm`, connector and `tts` stages, a
 * `transfer` stage when escalated; transcript lines as log records in the turn's span context.
 * Every timestamp is explicit, so a call that lasted minutes hours ago is sent in a moment.
 */
export function emitCall(plan: CallPlan, tracer: Tracer, logger: Logger): EmittedCounts {
  const emitter = new CallEmitter(tracer, logger);
  const t0 = plan.startMs;
  const root = tracer.startSpan('call', { root: true, startTime: t0, attributes: rootAttributes(plan) });
  emitter.spans++;
  const rootContext = trace.setSpan(ROOT_CONTEXT, root);

  emitter.stage(rootContext, 'telephony', 'telephony', t0, plan.telephonyMs, {
    [StageAttr.provider]: TELEPHONY_PROVIDER,
    [UsageAttr.telephonySeconds]: plan.telephonySeconds,
  });
  for (const turn of plan.turns) emitter.turn(plan, rootContext, turn);
  if (plan.transfer !== null) {
    const reason: Attributes = plan.escalationReason === null ? {} : { [CallAttr.escalationReason]: plan.escalationReason };
    emitter.stage(rootContext, 'transfer', 'transfer', t0 + plan.transfer.offsetMs, plan.transfer.durationMs, reason);
  }
  if (plan.errorType !== null) root.setStatus({ code: SpanStatusCode.ERROR, message: plan.errorType });
  root.end(t0 + plan.durationMs);
  return { spans: emitter.spans, logRecords: emitter.logRecords };
}

function rootAttributes(plan: CallPlan): Attributes {
  const attributes: Attributes = {
    [CallAttr.id]: plan.callId,
    [CallAttr.conversationId]: plan.callId,
    [CallAttr.direction]: plan.direction,
    [CallAttr.agentId]: plan.agent.id,
    [CallAttr.agentVersion]: plan.agent.version,
    [CallAttr.callerHash]: plan.callerHash,
    [CallAttr.correlationId]: plan.correlationId,
  };
  const optional: Attributes = {
    [CallAttr.outcome]: plan.outcomeStated ? plan.outcome : undefined,
    [CallAttr.answeredBy]: plan.answeredBy ?? undefined,
    [CallAttr.campaignId]: plan.campaignId ?? undefined,
    [CallAttr.escalationReason]: plan.escalationReason ?? undefined,
    [CallAttr.endReason]: plan.endReason ?? undefined,
    [CallAttr.sentiment]: plan.sentiment ?? undefined,
    [CallAttr.sentimentScore]: plan.sentimentScore ?? undefined,
    [StageAttr.errorType]: plan.errorType ?? undefined,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) attributes[key] = value;
  return attributes;
}

class CallEmitter {
  spans = 0;
  logRecords = 0;

  constructor(
    private readonly tracer: Tracer,
    private readonly logger: Logger,
  ) {}

  stage(parent: Context, name: string, stage: Stage, startMs: number, durationMs: number, attributes: Attributes): void {
    this.startStage(parent, name, stage, startMs, attributes).end(startMs + durationMs);
  }

  /** Stages other than the hand-off are calls to another service, hence CLIENT spans. */
  private startStage(parent: Context, name: string, stage: Stage, startMs: number, attributes: Attributes): Span {
    const kind = stage === 'transfer' ? SpanKind.INTERNAL : SpanKind.CLIENT;
    this.spans++;
    return this.tracer.startSpan(name, { kind, startTime: startMs, attributes: { [StageAttr.stage]: stage, ...attributes } }, parent);
  }

  turn(plan: CallPlan, parent: Context, turn: TurnPlan): void {
    const startMs = plan.startMs + turn.startOffsetMs;
    const span = this.tracer.startSpan('turn', { startTime: startMs, attributes: { [TurnAttr.number]: turn.number } }, parent);
    this.spans++;
    const turnContext = trace.setSpan(parent, span);
    this.transcript(turnContext, turn.number, 'caller', turn.callerText, startMs);

    let at = startMs + turn.callerSpeechMs;
    this.stage(turnContext, 'stt', 'stt', at, turn.sttMs, { [StageAttr.provider]: STT_PROVIDER, [UsageAttr.sttAudioSeconds]: turn.callerSpeechMs / 1000 });
    at += turn.sttMs;
    this.stage(turnContext, 'llm', 'llm', at, turn.llmMs, {
      [StageAttr.genAiProvider]: plan.agent.provider,
      [StageAttr.genAiOperation]: 'chat',
      [StageAttr.model]: plan.agent.model,
      [UsageAttr.inputTokens]: turn.inputTokens,
      [UsageAttr.cachedInputTokens]: turn.cachedInputTokens,
      [UsageAttr.outputTokens]: turn.outputTokens,
    });
    at += turn.llmMs;
    for (const call of turn.connectors) {
      this.connector(turnContext, call, at);
      at += call.durationMs;
    }
    this.stage(turnContext, 'tts', 'tts', at, turn.ttsMs, { [StageAttr.provider]: TTS_PROVIDER, [UsageAttr.ttsCharacters]: turn.agentText.length });
    at += turn.ttsMs;
    // The agent's line is logged when playback starts, right after synthesis.
    this.transcript(turnContext, turn.number, 'agent', turn.agentText, at);
    span.end(at + turn.agentSpeechMs);
  }

  private connector(parent: Context, call: ConnectorPlan, startMs: number): void {
    const attributes: Attributes = {
      [ConnectorAttr.name]: call.connector,
      [ConnectorAttr.operation]: call.operation,
      [ConnectorAttr.success]: call.success,
    };
    if (call.errorType !== null) attributes[StageAttr.errorType] = call.errorType;
    const span = this.startStage(parent, `${call.connector} ${call.operation}`, 'connector', startMs, attributes);
    if (!call.success) span.setStatus({ code: SpanStatusCode.ERROR, message: call.errorType ?? 'failed' });
    if (call.workItem !== null) {
      span.addEvent(EventName.workItem, { [WorkItemAttr.type]: call.workItem.type, [WorkItemAttr.id]: call.workItem.id, [WorkItemAttr.system]: call.connector }, startMs + call.durationMs);
    }
    span.end(startMs + call.durationMs);
  }

  private transcript(spanContext: Context, turnNumber: number, role: TranscriptRole, text: string, atMs: number): void {
    this.logger.emit({
      timestamp: atMs,
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      body: text,
      attributes: { [LogAttr.transcriptRole]: role, [LogAttr.turnNumber]: turnNumber },
      context: spanContext,
    });
    this.logRecords++;
  }
}
