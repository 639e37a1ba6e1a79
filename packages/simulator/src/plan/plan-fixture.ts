import type { CallPlan, ConnectorPlan, TurnPlan } from './call-plan.js';

/** Hand-made plans for tests: an inbound call resolved in one turn, unless overridden. */

export function makeConnector(overrides: Partial<ConnectorPlan> = {}): ConnectorPlan {
  return { connector: 'crm', operation: 'lookup_customer', success: true, errorType: null, workItem: null, durationMs: 200, ...overrides };
}

export function makeTurn(overrides: Partial<TurnPlan> = {}): TurnPlan {
  return {
    number: 1,
    startOffsetMs: 500,
    callerText: 'Where is my order?',
    callerSpeechMs: 2000,
    sttMs: 150,
    llmMs: 600,
    inputTokens: 900,
    cachedInputTokens: 0,
    outputTokens: 40,
    connectors: [],
    agentText: 'It arrives tomorrow.',
    ttsMs: 200,
    agentSpeechMs: 1500,
    ...overrides,
  };
}

export function makePlan(overrides: Partial<CallPlan> = {}): CallPlan {
  return {
    callId: 'CA-test',
    correlationId: 'corr-test',
    callerHash: 'hash-test',
    direction: 'inbound',
    campaignId: null,
    agent: { id: 'support-agent', version: '1.0.0', model: 'gpt-4o-mini', provider: 'openai' },
    answeredBy: null,
    outcome: 'resolved',
    outcomeStated: true,
    escalationReason: null,
    endReason: 'agent_hangup',
    errorType: null,
    sentiment: null,
    sentimentScore: null,
    startMs: 1_750_000_000_000,
    durationMs: 120_000,
    telephonyMs: 300,
    telephonySeconds: 120,
    turns: [makeTurn()],
    transfer: null,
    ...overrides,
  };
}

/** An outbound dial nobody answered: just the root and the telephony span. */
export function makeUnanswered(answeredBy: 'machine' | 'no_answer' | 'busy' | 'failed', overrides: Partial<CallPlan> = {}): CallPlan {
  return makePlan({
    direction: 'outbound',
    campaignId: 'renewals',
    answeredBy,
    outcome: 'unanswered',
    endReason: answeredBy,
    durationMs: 30_000,
    telephonyMs: 30_000,
    telephonySeconds: 0,
    turns: [],
    ...overrides,
  });
}
