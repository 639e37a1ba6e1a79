import type { Attributes, TimeInput } from '@opentelemetry/api';
import type { AnsweredBy, Direction, Outcome, Sentiment, WorkItemType } from '@lumay/conventions';

/** Who handles the call: KPIs are broken down by agent id and version. */
export interface AgentInfo {
  id: string;
  name?: string;
  version?: string;
}

export interface StartCallOptions {
  /** Your telephony platform's id (Twilio `CallSid`); default the trace id. */
  callId?: string;
  /** Default `inbound`. */
  direction?: Direction;
  agent?: AgentInfo;
  /** Outbound campaign the call belongs to. */
  campaignId?: string;
  /** A salted hash of the caller's number (see `hashCaller`), never the number. */
  callerHash?: string;
  /** Default: the active context's correlation id (set at the edge), else a fresh one. */
  correlationId?: string;
  /** Who picked up an outbound call, when known at the start (Twilio's `AnsweredBy` as it is). */
  answeredBy?: AnsweredBy | TwilioAnsweredBy;
  /** Tenant, for log lines only: the plane takes the tenant from the API key. */
  tenant?: string;
  /** Extra attributes for the root span. */
  attributes?: Attributes;
  /** Default now. Give it to replay a call that happened earlier (the simulator does). */
  startTime?: TimeInput;
}

export interface EndCallOptions {
  /**
   * How the call ended. Leaving it out is allowed but counted as a misuse: the plane then infers
   * it (a transfer → escalated, an error → failed, …) and marks it inferred.
   */
  outcome?: Outcome;
  /** Required in spirit when `outcome` is `escalated`; defaults to the reason given to `startTransfer`. */
  escalationReason?: string;
  /** `caller_hangup`, `agent_hangup`, `transferred`, `error`, `timeout`, `voicemail`, or a platform status. */
  endReason?: string;
  /** A technical failure: the root span gets status ERROR and `error.type`. */
  errorType?: string;
  endTime?: TimeInput;
}

/** Usage and cost every stage may state when it ends. */
export interface StageEnd {
  /** What this hop cost as the vendor billed it, in USD; wins over the plane's price book. */
  costUsd?: number;
  /** Time to first result (first token, first audio byte), seconds. */
  ttfbSeconds?: number;
  endTime?: TimeInput;
}

export interface TelephonyEnd extends StageEnd {
  /** Billed seconds of the phone leg. */
  billedSeconds?: number;
}

export interface SttEnd extends StageEnd {
  audioSeconds?: number;
}

export interface LlmEnd extends StageEnd {
  /** Including cache-read tokens, as OpenTelemetry GenAI defines it. */
  inputTokens?: number;
  cachedInputTokens?: number;
  outputTokens?: number;
  responseModel?: string;
}

export interface TtsEnd extends StageEnd {
  characters?: number;
}

export interface StageOptions {
  /** Vendor serving the hop (`deepgram`, `openai`, `cartesia`, `twilio`). */
  provider?: string;
  /** Span name; default the stage. */
  name?: string;
  attributes?: Attributes;
  startTime?: TimeInput;
}

export interface LlmOptions extends StageOptions {
  /** `gen_ai.request.model`: tokens are priced by it. */
  model: string;
  /** `gen_ai.operation.name`, default `chat`. */
  operation?: string;
}

export type ConnectorKind = 'crm' | 'ticketing' | 'calendar' | 'payment' | 'knowledge_base' | (string & {});

export interface ConnectorOptions {
  /** The system called (`salesforce`, `zendesk`): success rates are per name. Keep it a small set. */
  name: string;
  operation: string;
  kind?: ConnectorKind;
  /** The model's tool name, when a tool call triggered it. */
  toolName?: string;
  attributes?: Attributes;
  startTime?: TimeInput;
}

export interface WorkItem {
  type: WorkItemType | (string & {});
  id?: string;
  system?: string;
}

export interface ConnectorSuccess {
  /** What the call created in the system of record. */
  workItem?: WorkItem;
  costUsd?: number;
  endTime?: TimeInput;
}

export interface ConnectorFailure {
  /** Low-cardinality error class: `timeout`, `http_503`, `not_found`. */
  errorType: string;
  timedOut?: boolean;
  costUsd?: number;
  endTime?: TimeInput;
}

export interface TransferOptions {
  /** Why the call goes to a person; a short code from a small set (`billing_dispute`). */
  reason: string;
  provider?: string;
  startTime?: TimeInput;
}

export interface TurnOptions {
  /** Default: one more than the previous turn of the call. */
  number?: number;
  startTime?: TimeInput;
}

export interface TurnEnd {
  interrupted?: boolean;
  sentiment?: Sentiment;
  /** −1..1. */
  sentimentScore?: number;
  endTime?: TimeInput;
}

/** Twilio's `AnsweredBy` and final `CallStatus` values, which the plane maps itself. */
export type TwilioAnsweredBy =
  | 'machine_start'
  | 'machine_end_beep'
  | 'machine_end_silence'
  | 'machine_end_other'
  | 'fax'
  | 'unknown'
  | 'no-answer'
  | 'canceled';

export type { AnsweredBy, Direction, Outcome, Sentiment };
