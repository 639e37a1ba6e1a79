import { ANSWERED_BY, DIRECTIONS, OUTCOMES, SENTIMENTS, STAGES, isOneOf } from '@lumay/conventions';
import type { BusinessEvent, CallSession, ConnectorCall, StageLatency, WorkItem } from '../../model/call-session.js';
import type { PriceableUsage } from '../../model/priceable-usage.js';
import { bool, num, numOrNull, parseJson, str, strOrNull, type Row } from './row-values.js';

/*
 * `sessions` / `connector_calls` rows → CallSession, the inverse of session-columns.ts. Closed
 * sets are checked on the way out too, so a hand-edited row cannot leak a value outside them.
 */

function oneOf<T extends string>(set: readonly T[], value: string | null, fallback: T): T {
  return isOneOf(set, value) ? value : fallback;
}

function oneOfOrNull<T extends string>(set: readonly T[], value: string | null): T | null {
  return isOneOf(set, value) ? value : null;
}

function stagesOf(row: Row): CallSession['stages'] {
  const stages: CallSession['stages'] = {};
  for (const stage of STAGES) {
    const count = numOrNull(row[`${stage}_count`]);
    if (count === null) continue;
    const latency: StageLatency = { count, totalMs: num(row[`${stage}_total_ms`]), maxMs: num(row[`${stage}_max_ms`]) };
    stages[stage] = latency;
  }
  return stages;
}

export function connectorCallFromRow(row: Row): ConnectorCall {
  return {
    spanId: str(row.span_id),
    connector: str(row.connector),
    operation: str(row.operation),
    success: bool(row.success),
    startUs: num(row.start_us),
    durationMs: num(row.duration_ms),
    retries: num(row.retries),
    timedOut: bool(row.timed_out),
    errorType: str(row.error_type),
    kind: str(row.kind),
  };
}

function rootAttributesFromRow(row: Row): Record<string, string | number | boolean> {
  const parsed = parseJson(row.root_attributes, {});
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, string | number | boolean>) : {};
}

/** Sessions stored before price books have no priceable usage (NULL): they keep their cost. */
export function priceableUsageFromRow(row: Row): PriceableUsage {
  const parsed = parseJson(row.priceable_usage, null) as Partial<PriceableUsage> | null;
  return {
    lines: Array.isArray(parsed?.lines) ? parsed.lines : [],
    stated: Array.isArray(parsed?.stated) ? parsed.stated : [],
  };
}

/** `connectorCalls` are the session's `connector_calls` rows, in ordinal order. */
export function sessionFromRow(row: Row, connectorCalls: ConnectorCall[]): CallSession {
  const workItems = parseJson(row.work_items, []);
  const businessEvents = parseJson(row.business_events, []);
  return {
    tenantId: str(row.tenant_id),
    callId: str(row.call_id),
    traceId: str(row.trace_id),
    serviceName: str(row.service_name),
    agentId: str(row.agent_id),
    agentName: str(row.agent_name),
    agentVersion: str(row.agent_version),
    campaignId: str(row.campaign_id),
    direction: oneOf(DIRECTIONS, strOrNull(row.direction), 'inbound'),
    startUs: num(row.start_us),
    endUs: num(row.end_us),
    durationMs: num(row.duration_ms),
    outcome: oneOf(OUTCOMES, strOrNull(row.outcome), 'failed'),
    outcomeInferred: bool(row.outcome_inferred),
    answeredBy: oneOfOrNull(ANSWERED_BY, strOrNull(row.answered_by)),
    handled: bool(row.handled),
    escalationReason: str(row.escalation_reason),
    endReason: str(row.end_reason),
    correlationId: str(row.correlation_id),
    callerHash: str(row.caller_hash),
    sentiment: oneOfOrNull(SENTIMENTS, strOrNull(row.sentiment)),
    sentimentScore: numOrNull(row.sentiment_score),
    turns: num(row.turns),
    spanCount: num(row.span_count),
    stages: stagesOf(row),
    bottleneckStage: oneOfOrNull(STAGES, strOrNull(row.bottleneck_stage)),
    connectorCalls,
    workItems: Array.isArray(workItems) ? (workItems as WorkItem[]) : [],
    businessEvents: Array.isArray(businessEvents) ? (businessEvents as BusinessEvent[]) : [],
    usage: {
      sttAudioSeconds: num(row.usage_stt_audio_seconds),
      inputTokens: num(row.usage_input_tokens),
      outputTokens: num(row.usage_output_tokens),
      cachedInputTokens: num(row.usage_cached_input_tokens),
      ttsCharacters: num(row.usage_tts_characters),
      telephonySeconds: num(row.usage_telephony_seconds),
    },
    appointmentAttempted: bool(row.appointment_attempted),
    appointmentBooked: bool(row.appointment_booked),
    rootAttributes: rootAttributesFromRow(row),
    sentimentSource: oneOfOrNull(['stated', 'transcript'] as const, strOrNull(row.sentiment_source)),
    sentimentTrajectory: oneOfOrNull(['improved', 'worsened', 'steady'] as const, strOrNull(row.sentiment_trajectory)),
    sentimentStartScore: numOrNull(row.sentiment_start_score),
    priceableUsage: priceableUsageFromRow(row),
    cost: {
      telephony: num(row.cost_telephony_usd),
      stt: num(row.cost_stt_usd),
      llm: num(row.cost_llm_usd),
      tts: num(row.cost_tts_usd),
      connector: num(row.cost_connector_usd),
      other: num(row.cost_other_usd),
      total: num(row.cost_total_usd),
      stated: bool(row.cost_stated),
    },
    complete: bool(row.complete),
    completedAtUs: num(row.completed_at_us),
    revision: num(row.revision),
  };
}
