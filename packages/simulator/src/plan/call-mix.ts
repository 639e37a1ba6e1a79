import type { AnsweredBy, Outcome, WorkItemType } from '@lumay/conventions';

/*
 * The business the demo calls come from: a consumer-services company with an inbound support line
 * (two versions of the support agent side by side, plus a billing agent) and outbound campaigns run
 * by one outreach agent. The rates are chosen to land near public contact-centre figures: about 70%
 * containment, about 60% of outbound dials reaching a person.
 */

export interface AgentRef {
  id: string;
  version: string;
  /** `gen_ai.request.model`; every one of them is in the plane's default price table. */
  model: string;
  /** `gen_ai.provider.name`. */
  provider: string;
}

export type Weighted<T> = readonly (readonly [T, number])[];

export type Intent =
  | 'order_status'
  | 'technical_issue'
  | 'appointment'
  | 'billing_question'
  | 'billing_dispute'
  | 'renewal'
  | 'win_back';

/** One inbound agent version, or one outbound campaign, and how its calls tend to go. */
export interface CallProfile {
  agent: AgentRef;
  /** Share of handled calls per outcome. */
  outcomes: Weighted<Exclude<Outcome, 'unanswered'>>;
  intents: Weighted<Intent>;
}

export interface CampaignProfile extends CallProfile {
  campaignId: string;
  /** Who picks up a dial. */
  answeredBy: Weighted<AnsweredBy>;
}

const supportCurrent: AgentRef = { id: 'support-agent', version: '2.4.1', model: 'gpt-4o-mini', provider: 'openai' };
const supportCanary: AgentRef = { id: 'support-agent', version: '2.5.0', model: 'gpt-4.1-mini', provider: 'openai' };
const billing: AgentRef = { id: 'billing-agent', version: '1.3.0', model: 'claude-3-5-haiku', provider: 'anthropic' };
const outreach: AgentRef = { id: 'outreach-agent', version: '3.0.2', model: 'gpt-4.1-mini', provider: 'openai' };

export const INBOUND_SHARE = 0.65;

export const INBOUND_PROFILES: Weighted<CallProfile> = [
  [
    {
      agent: supportCurrent,
      outcomes: [['resolved', 0.68], ['escalated', 0.18], ['abandoned', 0.1], ['failed', 0.04]],
      intents: [['order_status', 0.45], ['technical_issue', 0.35], ['appointment', 0.2]],
    },
    0.35,
  ],
  [
    {
      agent: supportCanary,
      outcomes: [['resolved', 0.74], ['escalated', 0.15], ['abandoned', 0.08], ['failed', 0.03]],
      intents: [['order_status', 0.45], ['technical_issue', 0.35], ['appointment', 0.2]],
    },
    0.3,
  ],
  [
    {
      agent: billing,
      outcomes: [['resolved', 0.66], ['escalated', 0.22], ['abandoned', 0.08], ['failed', 0.04]],
      intents: [['billing_question', 0.7], ['billing_dispute', 0.3]],
    },
    0.35,
  ],
];

const outreachOutcomes: CallProfile['outcomes'] = [['resolved', 0.72], ['escalated', 0.1], ['abandoned', 0.15], ['failed', 0.03]];

export const CAMPAIGNS: Weighted<CampaignProfile> = [
  [
    {
      campaignId: 'renewals-2025q3',
      agent: outreach,
      outcomes: outreachOutcomes,
      intents: [['renewal', 1]],
      answeredBy: [['human', 0.62], ['machine', 0.2], ['no_answer', 0.12], ['busy', 0.04], ['failed', 0.02]],
    },
    0.45,
  ],
  [
    {
      campaignId: 'appointment-reminders',
      agent: outreach,
      outcomes: outreachOutcomes,
      intents: [['appointment', 1]],
      answeredBy: [['human', 0.66], ['machine', 0.18], ['no_answer', 0.11], ['busy', 0.03], ['failed', 0.02]],
    },
    0.35,
  ],
  [
    {
      campaignId: 'win-back',
      agent: outreach,
      outcomes: outreachOutcomes,
      intents: [['win_back', 1]],
      answeredBy: [['human', 0.52], ['machine', 0.25], ['no_answer', 0.16], ['busy', 0.05], ['failed', 0.02]],
    },
    0.2,
  ],
];

export const ESCALATION_REASONS: Weighted<string> = [
  ['caller_requested_human', 0.35],
  ['billing_dispute', 0.2],
  ['low_confidence', 0.15],
  ['complaint', 0.12],
  ['policy_exception', 0.1],
  ['identity_verification_failed', 0.08],
];

export const CALL_FAILURES: readonly string[] = ['media_stream_lost', 'llm_timeout', 'stt_disconnected'];

/** A connector operation an intent performs; `creates` names the work item a success leaves. */
export interface ConnectorStep {
  connector: ConnectorName;
  operation: string;
  creates: WorkItemType | null;
}

export type ConnectorName = 'crm' | 'ticketing' | 'calendar';

export interface ConnectorProfile {
  failureRate: number;
  medianMs: number;
  errorTypes: readonly string[];
}

export const CONNECTORS: Readonly<Record<ConnectorName, ConnectorProfile>> = {
  crm: { failureRate: 0.03, medianMs: 280, errorTypes: ['timeout', 'http_503', 'rate_limited'] },
  ticketing: { failureRate: 0.06, medianMs: 450, errorTypes: ['http_500', 'timeout', 'validation_error'] },
  calendar: { failureRate: 0.09, medianMs: 600, errorTypes: ['slot_conflict', 'timeout', 'http_503'] },
};

/** A failed call is retried at once with this probability (agents usually retry once). */
export const CONNECTOR_RETRY_RATE = 0.5;

const lookup: ConnectorStep = { connector: 'crm', operation: 'lookup_customer', creates: null };

/** What each intent does in its systems, in conversation order (one step per turn from turn 2). */
export const INTENT_STEPS: Readonly<Record<Intent, readonly ConnectorStep[]>> = {
  order_status: [lookup, { connector: 'ticketing', operation: 'get_ticket_status', creates: null }],
  technical_issue: [lookup, { connector: 'ticketing', operation: 'create_ticket', creates: 'ticket' }],
  appointment: [
    lookup,
    { connector: 'calendar', operation: 'find_slots', creates: null },
    { connector: 'calendar', operation: 'book_appointment', creates: 'appointment' },
    { connector: 'crm', operation: 'log_activity', creates: 'crm_update' },
  ],
  billing_question: [lookup, { connector: 'crm', operation: 'update_contact', creates: 'crm_update' }],
  billing_dispute: [lookup, { connector: 'ticketing', operation: 'create_ticket', creates: 'ticket' }],
  renewal: [lookup, { connector: 'crm', operation: 'update_subscription', creates: 'crm_update' }],
  win_back: [lookup, { connector: 'crm', operation: 'log_activity', creates: 'crm_update' }],
};

/** Median and spread (log-normal sigma) of a handled call's length per outcome, and its bounds. */
export const DURATION_SECONDS: Readonly<Record<Exclude<Outcome, 'unanswered'>, { median: number; sigma: number; min: number; max: number }>> = {
  resolved: { median: 170, sigma: 0.45, min: 60, max: 480 },
  escalated: { median: 150, sigma: 0.45, min: 60, max: 480 },
  abandoned: { median: 55, sigma: 0.5, min: 20, max: 240 },
  failed: { median: 45, sigma: 0.5, min: 20, max: 240 },
};

/** How long an unanswered dial lasts: answering-machine detection, ringing out, a busy tone. */
export const UNANSWERED_SECONDS: Readonly<Record<Exclude<AnsweredBy, 'human'>, { min: number; max: number }>> = {
  machine: { min: 15, max: 45 },
  no_answer: { min: 25, max: 35 },
  busy: { min: 2, max: 6 },
  failed: { min: 1, max: 3 },
};

/** Share of handled calls whose engine runs no sentiment analysis. */
export const UNLABELLED_SENTIMENT_RATE = 0.04;

/** Share of resolved, escalated and failed calls sent without an outcome, for the plane to infer. */
export const UNSTATED_OUTCOME_RATE = 0.1;
