import { STAGES } from '@lumay/conventions';
import type { CallSession, ConnectorCall, WorkItem } from '../../model/call-session.js';
import type { ColumnSpec } from './column-spec.js';
import { toBigInt } from './row-values.js';

/*
 * A session as one wide `sessions` row, plus one `connector_calls` row per connector call and one
 * `work_items` row per work item. Order = table column order (checked at open).
 */

const stageColumns: ColumnSpec<CallSession>[] = STAGES.flatMap((stage) => [
  { name: `${stage}_count`, value: (s: CallSession) => s.stages[stage]?.count ?? null },
  { name: `${stage}_total_ms`, value: (s: CallSession) => s.stages[stage]?.totalMs ?? null },
  { name: `${stage}_max_ms`, value: (s: CallSession) => s.stages[stage]?.maxMs ?? null },
]);

export const SESSION_COLUMNS: readonly ColumnSpec<CallSession>[] = [
  { name: 'tenant_id', value: (s) => s.tenantId },
  { name: 'trace_id', value: (s) => s.traceId },
  { name: 'call_id', value: (s) => s.callId },
  { name: 'service_name', value: (s) => s.serviceName },
  { name: 'agent_id', value: (s) => s.agentId },
  { name: 'agent_name', value: (s) => s.agentName },
  { name: 'agent_version', value: (s) => s.agentVersion },
  { name: 'campaign_id', value: (s) => s.campaignId },
  { name: 'direction', value: (s) => s.direction },
  { name: 'start_us', value: (s) => toBigInt(s.startUs) },
  { name: 'end_us', value: (s) => toBigInt(s.endUs) },
  { name: 'duration_ms', value: (s) => s.durationMs },
  { name: 'outcome', value: (s) => s.outcome },
  { name: 'outcome_inferred', value: (s) => s.outcomeInferred },
  { name: 'answered_by', value: (s) => s.answeredBy },
  { name: 'handled', value: (s) => s.handled },
  { name: 'escalation_reason', value: (s) => s.escalationReason },
  { name: 'end_reason', value: (s) => s.endReason },
  { name: 'correlation_id', value: (s) => s.correlationId },
  { name: 'caller_hash', value: (s) => s.callerHash },
  { name: 'sentiment', value: (s) => s.sentiment },
  { name: 'sentiment_score', value: (s) => s.sentimentScore },
  { name: 'turns', value: (s) => s.turns },
  { name: 'span_count', value: (s) => s.spanCount },
  ...stageColumns,
  { name: 'bottleneck_stage', value: (s) => s.bottleneckStage },
  { name: 'connector_call_count', value: (s) => s.connectorCalls.length },
  { name: 'connector_success_count', value: (s) => s.connectorCalls.filter((c) => c.success).length },
  { name: 'work_item_count', value: (s) => s.workItems.length },
  { name: 'work_items', value: (s) => JSON.stringify(s.workItems) },
  { name: 'business_events', value: (s) => JSON.stringify(s.businessEvents) },
  { name: 'usage_stt_audio_seconds', value: (s) => s.usage.sttAudioSeconds },
  { name: 'usage_input_tokens', value: (s) => toBigInt(s.usage.inputTokens) },
  { name: 'usage_output_tokens', value: (s) => toBigInt(s.usage.outputTokens) },
  { name: 'usage_cached_input_tokens', value: (s) => toBigInt(s.usage.cachedInputTokens) },
  { name: 'usage_tts_characters', value: (s) => toBigInt(s.usage.ttsCharacters) },
  { name: 'usage_telephony_seconds', value: (s) => s.usage.telephonySeconds },
  { name: 'cost_telephony_usd', value: (s) => s.cost.telephony },
  { name: 'cost_stt_usd', value: (s) => s.cost.stt },
  { name: 'cost_llm_usd', value: (s) => s.cost.llm },
  { name: 'cost_tts_usd', value: (s) => s.cost.tts },
  { name: 'cost_connector_usd', value: (s) => s.cost.connector },
  { name: 'cost_other_usd', value: (s) => s.cost.other },
  { name: 'cost_total_usd', value: (s) => s.cost.total },
  { name: 'cost_stated', value: (s) => s.cost.stated },
  { name: 'complete', value: (s) => s.complete },
  { name: 'completed_at_us', value: (s) => toBigInt(s.completedAtUs) },
  { name: 'revision', value: (s) => s.revision },
  { name: 'priceable_usage', value: (s) => JSON.stringify(s.priceableUsage) },
  { name: 'appointment_attempted', value: (s) => s.appointmentAttempted },
  { name: 'appointment_booked', value: (s) => s.appointmentBooked },
  { name: 'root_attributes', value: (s) => JSON.stringify(s.rootAttributes) },
  { name: 'sentiment_source', value: (s) => s.sentimentSource },
  { name: 'sentiment_trajectory', value: (s) => s.sentimentTrajectory },
  { name: 'sentiment_start_score', value: (s) => s.sentimentStartScore },
];

/** A child row (connector call, work item) with its session and position in the session's list. */
export interface SessionChild<T> {
  session: CallSession;
  item: T;
  ordinal: number;
}

export function childrenOf<T>(sessions: readonly CallSession[], items: (s: CallSession) => readonly T[]): SessionChild<T>[] {
  return sessions.flatMap((session) => items(session).map((item, ordinal) => ({ session, item, ordinal })));
}

/** The session fields every KPI filters on, repeated on child rows so they filter without a join. */
function filterColumns<T>(): ColumnSpec<SessionChild<T>>[] {
  return [
    { name: 'tenant_id', value: (r) => r.session.tenantId },
    { name: 'trace_id', value: (r) => r.session.traceId },
    { name: 'call_id', value: (r) => r.session.callId },
    { name: 'session_start_us', value: (r) => toBigInt(r.session.startUs) },
    { name: 'agent_id', value: (r) => r.session.agentId },
    { name: 'agent_version', value: (r) => r.session.agentVersion },
    { name: 'direction', value: (r) => r.session.direction },
    { name: 'campaign_id', value: (r) => r.session.campaignId },
  ];
}

export const CONNECTOR_CALL_COLUMNS: readonly ColumnSpec<SessionChild<ConnectorCall>>[] = [
  ...filterColumns<ConnectorCall>(),
  { name: 'ordinal', value: (r) => r.ordinal },
  { name: 'span_id', value: (r) => r.item.spanId },
  { name: 'connector', value: (r) => r.item.connector },
  { name: 'operation', value: (r) => r.item.operation },
  { name: 'success', value: (r) => r.item.success },
  { name: 'start_us', value: (r) => toBigInt(r.item.startUs) },
  { name: 'duration_ms', value: (r) => r.item.durationMs },
  { name: 'error_type', value: (r) => r.item.errorType },
  { name: 'retries', value: (r) => r.item.retries },
  { name: 'timed_out', value: (r) => r.item.timedOut },
  { name: 'kind', value: (r) => r.item.kind },
];

export const WORK_ITEM_COLUMNS: readonly ColumnSpec<SessionChild<WorkItem>>[] = [
  ...filterColumns<WorkItem>(),
  { name: 'type', value: (r) => r.item.type },
  { name: 'item_id', value: (r) => r.item.id },
  { name: 'system', value: (r) => r.item.system },
  { name: 'span_id', value: (r) => r.item.spanId },
];
