import type { CallSession, ConnectorCall, CostBreakdown } from '../../model/call-session.js';

/*
 * Test fixtures for the store (not used by production code): complete, consistent CallSession
 * values where a test states only what it is about.
 */

let sequence = 0;

/** 2026-03-02T09:00:00Z in µs: the default start of fixture calls. */
export const T0_US = Date.UTC(2026, 2, 2, 9, 0, 0) * 1000;
export const HOUR_US = 3_600_000_000;
export const DAY_US = 86_400_000_000;

/** A cost breakdown whose total is `totalUsd` (all of it under `other`). */
export function costOf(totalUsd: number): CostBreakdown {
  return { telephony: 0, stt: 0, llm: 0, tts: 0, connector: 0, other: totalUsd, total: totalUsd, stated: false };
}

export function connectorCall(overrides: Partial<ConnectorCall> = {}): ConnectorCall {
  return {
    spanId: (++sequence).toString(16).padStart(16, '0'),
    connector: 'crm',
    kind: 'crm',
    operation: 'lookup',
    success: true,
    startUs: T0_US,
    durationMs: 100,
    retries: 0,
    timedOut: false,
    errorType: '',
    ...overrides,
  };
}

/**
 * A session with defaults: tenant `t1`, a fresh trace and call id, inbound, started at T0, 60 s
 * long, resolved as stated, no cost. Unless given, `handled` follows the KPI definition (inbound,
 * or answered by a human), an outcome of a call not handled is `unanswered`, and `durationMs`
 * follows start and end.
 */
export function makeSession(overrides: Partial<CallSession> = {}): CallSession {
  const n = ++sequence;
  const direction = overrides.direction ?? 'inbound';
  const answeredBy = overrides.answeredBy !== undefined ? overrides.answeredBy : direction === 'outbound' ? 'human' : null;
  const handled = overrides.handled ?? (direction === 'inbound' || answeredBy === 'human');
  const startUs = overrides.startUs ?? T0_US;
  const endUs = overrides.endUs ?? startUs + 60_000_000;
  return {
    tenantId: 't1',
    callId: `call-${n}`,
    traceId: n.toString(16).padStart(32, '0'),
    serviceName: 'voice-engine',
    agentId: 'support-bot',
    agentName: 'Support bot',
    agentVersion: '1.0.0',
    campaignId: '',
    direction,
    startUs,
    endUs,
    durationMs: (endUs - startUs) / 1000,
    outcome: handled ? 'resolved' : 'unanswered',
    outcomeInferred: false,
    answeredBy,
    handled,
    escalationReason: '',
    endReason: 'completed',
    correlationId: `corr-${n}`,
    callerHash: '',
    sentiment: null,
    sentimentScore: null,
    turns: 4,
    spanCount: 12,
    stages: {},
    bottleneckStage: null,
    connectorCalls: [],
    workItems: [],
    businessEvents: [],
    usage: { sttAudioSeconds: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, ttsCharacters: 0, telephonySeconds: 0 },
    priceableUsage: { lines: [], stated: [] },
    appointmentAttempted: false,
    appointmentBooked: false,
    rootAttributes: {},
    sentimentSource: null,
    sentimentTrajectory: null,
    sentimentStartScore: null,
    cost: costOf(0),
    complete: true,
    completedAtUs: endUs + 5_000_000,
    revision: 1,
    ...overrides,
  };
}
