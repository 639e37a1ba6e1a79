import type { AnsweredBy, Outcome, Sentiment } from '@lumay/conventions';
import {
  CALL_FAILURES,
  CAMPAIGNS,
  DURATION_SECONDS,
  ESCALATION_REASONS,
  INBOUND_PROFILES,
  INBOUND_SHARE,
  UNANSWERED_SECONDS,
  UNLABELLED_SENTIMENT_RATE,
  UNSTATED_OUTCOME_RATE,
  type CallProfile,
  type Weighted,
} from './call-mix.js';
import type { CallPlan } from './call-plan.js';
import { planConversation } from './plan-conversation.js';
import { turnEndOffsetMs } from './plan-timing.js';
import type { Random } from './random.js';

type HandledOutcome = Exclude<Outcome, 'unanswered'>;

/** How callers feel by the end, per outcome: escalations and hang-ups skew negative. */
const SENTIMENT_BY_OUTCOME: Readonly<Record<HandledOutcome, Weighted<Sentiment>>> = {
  resolved: [['positive', 0.55], ['neutral', 0.35], ['negative', 0.1]],
  escalated: [['positive', 0.15], ['neutral', 0.35], ['negative', 0.5]],
  abandoned: [['positive', 0.05], ['neutral', 0.45], ['negative', 0.5]],
  failed: [['positive', 0.05], ['neutral', 0.35], ['negative', 0.6]],
};

/** Score bands that the plane's thresholds (±0.25) label the same way. */
const SCORE_BANDS: Readonly<Record<Sentiment, [number, number]>> = {
  positive: [0.3, 0.95],
  neutral: [-0.2, 0.2],
  negative: [-0.95, -0.3],
};

const END_REASONS: Readonly<Record<HandledOutcome, string>> = {
  resolved: 'agent_hangup',
  escalated: 'transferred',
  abandoned: 'caller_hangup',
  failed: 'error',
};

/** Twilio-style `CallStatus` of a dial that never became a conversation. */
const UNANSWERED_END_REASONS: Readonly<Record<Exclude<AnsweredBy, 'human'>, string>> = {
  machine: 'machine_detected',
  no_answer: 'no-answer',
  busy: 'busy',
  failed: 'failed',
};

function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One call with its start at 0; planCalls places it in time. */
export function planCall(rng: Random, callerHash: string): CallPlan {
  const common = { callId: `CA${rng.hex(32)}`, correlationId: uuidOf(rng.hex(32)), callerHash, startMs: 0 };
  if (rng.chance(INBOUND_SHARE)) {
    const profile = rng.weighted(INBOUND_PROFILES);
    return { ...common, ...planHandled(rng, profile), direction: 'inbound', campaignId: null, answeredBy: null };
  }
  const campaign = rng.weighted(CAMPAIGNS);
  const answeredBy = rng.weighted(campaign.answeredBy);
  const base = { ...common, direction: 'outbound' as const, campaignId: campaign.campaignId, answeredBy };
  if (answeredBy === 'human') return { ...base, ...planHandled(rng, campaign) };

  const bounds = UNANSWERED_SECONDS[answeredBy];
  const durationMs = Math.round(rng.between(bounds.min, bounds.max) * 1000);
  return {
    ...base,
    agent: campaign.agent,
    outcome: 'unanswered',
    outcomeStated: true,
    escalationReason: null,
    endReason: UNANSWERED_END_REASONS[answeredBy],
    errorType: null,
    sentiment: null,
    sentimentScore: null,
    durationMs,
    telephonyMs: durationMs,
    // Carriers bill a dial only once the line connects, and an answering machine connects it.
    telephonySeconds: answeredBy === 'machine' ? durationMs / 1000 : 0,
    turns: [],
    transfer: null,
  };
}

type HandledPart = Omit<CallPlan, 'callId' | 'correlationId' | 'callerHash' | 'startMs' | 'direction' | 'campaignId' | 'answeredBy'>;

function planHandled(rng: Random, profile: CallProfile): HandledPart {
  const outcome = rng.weighted(profile.outcomes);
  const intent = rng.weighted(profile.intents);
  const bounds = DURATION_SECONDS[outcome];
  const targetMs = Math.round(rng.logNormal(bounds.median, bounds.sigma, bounds.min, bounds.max) * 1000);
  const telephonyMs = Math.round(rng.between(150, 700));
  const transferMs = outcome === 'escalated' ? Math.round(rng.between(1500, 4000)) : 0;
  const tailMs = Math.round(rng.between(400, 1500));
  const transferGapMs = outcome === 'escalated' ? Math.round(rng.between(200, 600)) : 0;

  const turns = planConversation(rng, {
    intent,
    agent: profile.agent,
    startOffsetMs: telephonyMs + Math.round(rng.between(200, 800)),
    endByOffsetMs: targetMs - tailMs - transferMs - transferGapMs,
    closing: outcome === 'resolved' ? 'goodbye' : outcome === 'escalated' ? 'handoff' : null,
  });
  const lastTurnEndMs = turnEndOffsetMs(turns[turns.length - 1]);
  const transfer = outcome === 'escalated' ? { offsetMs: lastTurnEndMs + transferGapMs, durationMs: transferMs } : null;
  const lastChildEndMs = transfer ? transfer.offsetMs + transfer.durationMs : lastTurnEndMs;
  const durationMs = Math.max(targetMs, lastChildEndMs + tailMs);

  const sentiment = rng.chance(UNLABELLED_SENTIMENT_RATE) ? null : rng.weighted(SENTIMENT_BY_OUTCOME[outcome]);
  const sentimentScore = sentiment === null ? null : Math.round(rng.between(...SCORE_BANDS[sentiment]) * 100) / 100;
  return {
    agent: profile.agent,
    outcome,
    // Abandonment is left stated: inferring it needs an end reason and no agent reply at all.
    outcomeStated: outcome === 'abandoned' || !rng.chance(UNSTATED_OUTCOME_RATE),
    escalationReason: outcome === 'escalated' ? rng.weighted(ESCALATION_REASONS) : null,
    endReason: END_REASONS[outcome],
    errorType: outcome === 'failed' ? rng.pick(CALL_FAILURES) : null,
    sentiment,
    sentimentScore,
    durationMs,
    telephonyMs,
    telephonySeconds: durationMs / 1000,
    turns,
    transfer,
  };
}
