/**
 * Attribute and span names of the LuMay voice-call semantic conventions.
 *
 * The full contract (which span carries what, units, examples) is docs/semantic-conventions.md.
 * OpenTelemetry GenAI names are used where they exist (development status as of 2026); everything
 * voice-specific lives under the `lumay.` namespace because nothing for telephony, speech stages,
 * transfer or containment is merged upstream.
 */

/** Attributes of the call root span (the span with no parent in the call's trace). */
export const CallAttr = {
  id: 'lumay.call.id',
  direction: 'lumay.call.direction',
  outcome: 'lumay.call.outcome',
  answeredBy: 'lumay.call.answered_by',
  escalationReason: 'lumay.call.escalation.reason',
  endReason: 'lumay.call.end_reason',
  callerHash: 'lumay.call.caller.hash',
  correlationId: 'lumay.correlation_id',
  sentiment: 'lumay.call.sentiment',
  sentimentScore: 'lumay.call.sentiment.score',
  campaignId: 'lumay.campaign.id',
  agentId: 'gen_ai.agent.id',
  agentName: 'gen_ai.agent.name',
  agentVersion: 'gen_ai.agent.version',
  conversationId: 'gen_ai.conversation.id',
} as const;

/** Attributes of stage spans (one hop of a turn: telephony, stt, llm, tts, connector, transfer). */
export const StageAttr = {
  stage: 'lumay.stage',
  provider: 'lumay.provider',
  genAiProvider: 'gen_ai.provider.name',
  genAiOperation: 'gen_ai.operation.name',
  model: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  errorType: 'error.type',
  ttfbSeconds: 'lumay.stage.ttfb_seconds',
} as const;

/** Attributes of turn spans. */
export const TurnAttr = {
  number: 'lumay.turn.number',
  interrupted: 'lumay.turn.interrupted',
  sentiment: 'lumay.turn.sentiment',
  sentimentScore: 'lumay.turn.sentiment.score',
  userText: 'lumay.turn.user_text',
  agentText: 'lumay.turn.agent_text',
} as const;

/** Attributes of connector spans (stage = connector). */
export const ConnectorAttr = {
  name: 'lumay.connector.name',
  kind: 'lumay.connector.kind',
  operation: 'lumay.connector.operation',
  success: 'lumay.connector.success',
  retries: 'lumay.connector.retries',
  timedOut: 'lumay.connector.timed_out',
  toolName: 'gen_ai.tool.name',
} as const;

/** Usage attributes; each on the stage span that consumed it. Units are in the names. */
export const UsageAttr = {
  sttAudioSeconds: 'lumay.usage.stt.audio_seconds',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cachedInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  ttsCharacters: 'lumay.usage.tts.characters',
  telephonySeconds: 'lumay.usage.telephony.seconds',
} as const;

/** A cost the engine states itself, in US dollars, on any span; it wins over the price table. */
export const CostAttr = {
  usd: 'lumay.cost.usd',
} as const;

/** Span events. */
export const EventName = {
  /** A ticket, CRM update, appointment… created by the call. */
  workItem: 'lumay.work_item',
  /** A business event worth counting (appointment booked, payment taken…). */
  businessEvent: 'lumay.business_event',
  /** The call was transferred or handed to a person. */
  transfer: 'lumay.transfer',
} as const;

export const WorkItemAttr = {
  type: 'lumay.work_item.type',
  id: 'lumay.work_item.id',
  system: 'lumay.work_item.system',
} as const;

export const BusinessEventAttr = {
  name: 'lumay.business_event.name',
  value: 'lumay.business_event.value',
} as const;

/** Attributes of log records that belong to a call (transcript lines and events). */
export const LogAttr = {
  transcriptRole: 'lumay.transcript.role',
  turnNumber: 'lumay.turn.number',
} as const;
