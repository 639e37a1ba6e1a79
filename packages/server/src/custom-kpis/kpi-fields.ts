import type { KpiSource } from './kpi-definition.js';

export type FieldType = 'number' | 'text' | 'boolean';

export interface FieldSpec {
  /** The SQL expression the field stands for, over the source's rows (fixed text, never input). */
  sql: string;
  type: FieldType;
  description: string;
}

/*
 * The fields a tenant KPI may aggregate or filter on, per source. Every name maps to a fixed SQL
 * expression here; a name not listed is refused at validation. Calls also take
 * `attributes.<key>`: a root-span attribute, compared as text (compile-kpi-sql.ts).
 */
const CALL_FIELDS: Record<string, FieldSpec> = {
  agent_id: { sql: 'agent_id', type: 'text', description: 'gen_ai.agent.id' },
  agent_version: { sql: 'agent_version', type: 'text', description: 'gen_ai.agent.version' },
  campaign_id: { sql: 'campaign_id', type: 'text', description: 'lumay.campaign.id' },
  direction: { sql: 'direction', type: 'text', description: 'inbound | outbound' },
  outcome: { sql: 'outcome', type: 'text', description: 'resolved | escalated | abandoned | failed | unanswered' },
  handled: { sql: 'handled', type: 'boolean', description: 'inbound, or outbound answered by a person' },
  answered_by: { sql: 'answered_by', type: 'text', description: 'human | machine | no_answer | busy | failed' },
  escalation_reason: { sql: 'escalation_reason', type: 'text', description: 'why the call was handed to a person' },
  end_reason: { sql: 'end_reason', type: 'text', description: 'lumay.call.end_reason' },
  sentiment: { sql: 'sentiment', type: 'text', description: 'positive | neutral | negative' },
  sentiment_score: { sql: 'sentiment_score', type: 'number', description: '−1..1' },
  bottleneck_stage: { sql: 'bottleneck_stage', type: 'text', description: 'the stage that took longest' },
  duration_ms: { sql: 'duration_ms', type: 'number', description: 'call duration' },
  turns: { sql: 'turns', type: 'number', description: 'caller–agent exchanges' },
  connector_calls: { sql: 'connector_call_count', type: 'number', description: 'connector calls made' },
  connector_failures: { sql: '(connector_call_count - connector_success_count)', type: 'number', description: 'connector calls that failed' },
  work_items: { sql: 'work_item_count', type: 'number', description: 'work items created' },
  appointment_booked: { sql: 'coalesce(appointment_booked, false)', type: 'boolean', description: 'the call booked an appointment' },
  cost_usd: { sql: 'cost_total_usd', type: 'number', description: 'total cost' },
  cost_telephony_usd: { sql: 'cost_telephony_usd', type: 'number', description: 'telephony cost' },
  cost_stt_usd: { sql: 'cost_stt_usd', type: 'number', description: 'speech-to-text cost' },
  cost_llm_usd: { sql: 'cost_llm_usd', type: 'number', description: 'LLM cost' },
  cost_tts_usd: { sql: 'cost_tts_usd', type: 'number', description: 'text-to-speech cost' },
  input_tokens: { sql: 'usage_input_tokens', type: 'number', description: 'LLM input tokens' },
  output_tokens: { sql: 'usage_output_tokens', type: 'number', description: 'LLM output tokens' },
  llm_ms: { sql: 'coalesce(llm_total_ms, 0)', type: 'number', description: 'time in LLM spans' },
  stt_ms: { sql: 'coalesce(stt_total_ms, 0)', type: 'number', description: 'time in STT spans' },
  tts_ms: { sql: 'coalesce(tts_total_ms, 0)', type: 'number', description: 'time in TTS spans' },
  connector_ms: { sql: 'coalesce(connector_total_ms, 0)', type: 'number', description: 'time in connector spans' },
};

const CONNECTOR_CALL_FIELDS: Record<string, FieldSpec> = {
  agent_id: CALL_FIELDS.agent_id,
  agent_version: CALL_FIELDS.agent_version,
  campaign_id: CALL_FIELDS.campaign_id,
  direction: CALL_FIELDS.direction,
  connector: { sql: 'connector', type: 'text', description: 'lumay.connector.name' },
  kind: { sql: 'kind', type: 'text', description: 'lumay.connector.kind' },
  operation: { sql: 'operation', type: 'text', description: 'lumay.connector.operation' },
  success: { sql: 'success', type: 'boolean', description: 'the call succeeded' },
  error_type: { sql: 'error_type', type: 'text', description: 'error.type of a failure' },
  timed_out: { sql: 'timed_out', type: 'boolean', description: 'the call timed out' },
  retries: { sql: 'retries', type: 'number', description: 'retries before the outcome' },
  duration_ms: { sql: 'duration_ms', type: 'number', description: 'latency' },
};

const BUSINESS_EVENT_FIELDS: Record<string, FieldSpec> = {
  agent_id: CALL_FIELDS.agent_id,
  agent_version: CALL_FIELDS.agent_version,
  campaign_id: CALL_FIELDS.campaign_id,
  direction: CALL_FIELDS.direction,
  outcome: CALL_FIELDS.outcome,
  name: { sql: 'event_name', type: 'text', description: 'lumay.business_event.name' },
  value: { sql: 'event_value', type: 'number', description: 'lumay.business_event.value' },
};

export const KPI_FIELDS: Record<KpiSource, Record<string, FieldSpec>> = {
  calls: CALL_FIELDS,
  connector_calls: CONNECTOR_CALL_FIELDS,
  business_events: BUSINESS_EVENT_FIELDS,
};

/** `attributes.<key>` on calls: keys as OpenTelemetry writes them (dots, dashes, underscores). */
export const ATTRIBUTE_FIELD = /^attributes\.([A-Za-z0-9_.:/-]{1,128})$/;

/** The spec of a field of a source, or null; own properties only (`__proto__` is not a field). */
export function fieldOf(source: KpiSource, name: string): FieldSpec | null {
  const fields = KPI_FIELDS[source];
  return Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : null;
}
