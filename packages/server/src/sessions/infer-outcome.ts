import type { AnsweredBy, Direction, Outcome } from '@lumay/conventions';
import { asToken } from './attribute-readers.js';

/** What the spans say about a call, gathered by buildSession. */
export interface OutcomeFacts {
  direction: Direction;
  /** A valid `lumay.call.outcome`, or null when none was stated. */
  statedOutcome: Outcome | null;
  /** Who answered an outbound call; null for inbound calls (ignored for them anyway). */
  answeredBy: AnsweredBy | null;
  /** The call has turns or speech/LLM spans. */
  conversed: boolean;
  /** The agent answered at least once: a turn, or an LLM span. */
  agentReplied: boolean;
  /** False when the call expired without its root span. */
  complete: boolean;
  /** The root span's status is ERROR. */
  rootFailed: boolean;
  /** A transfer-stage span or a `lumay.transfer` event exists. */
  transferred: boolean;
  endReason: string;
}

export interface OutcomeDecision {
  outcome: Outcome;
  outcomeInferred: boolean;
  answeredBy: AnsweredBy | null;
  handled: boolean;
}

/** End reasons meaning the caller hung up: ours, Vapi's `customer-ended-call`, common spellings. */
const CALLER_HANGUP = new Set(['caller_hangup', 'caller_hung_up', 'customer_hangup', 'customer_ended_call', 'user_hangup']);

export function isCallerHangup(endReason: string): boolean {
  return CALLER_HANGUP.has(asToken(endReason) ?? '');
}

/**
 * The call's outcome, answeredBy and handled flag, keeping the KPI invariants of DESIGN.md:
 * handled ⇔ inbound or answered by a person, and outcome = unanswered ⇔ not handled.
 *
 * A stated outcome wins unless it breaks those invariants; then it is normalised and recorded as
 * inferred (docs/semantic-conventions.md, "How the plane infers what is not stated"):
 *  - `unanswered` on an inbound call → `abandoned` (the caller left before being served);
 *  - `unanswered` on an outbound call that looks answered by a person → the call stays unhandled
 *    and answeredBy becomes `machine` if the agent talked, else `no_answer`;
 *  - any other outcome on an outbound call not answered by a person → `unanswered`.
 * Without a stated outcome, the first rule that matches: not answered by a person → unanswered;
 * expired without a root → failed; transferred → escalated; root status ERROR → failed; the caller
 * hung up before the agent ever replied → abandoned; otherwise → resolved.
 */
export function decideOutcome(facts: OutcomeFacts): OutcomeDecision {
  const outbound = facts.direction === 'outbound';
  let answeredBy: AnsweredBy | null = outbound ? facts.answeredBy : null;
  const stated = facts.statedOutcome;

  if (stated === 'unanswered') {
    if (!outbound) return { outcome: 'abandoned', outcomeInferred: true, answeredBy, handled: true };
    if (answeredBy === 'human') answeredBy = facts.conversed ? 'machine' : 'no_answer';
    return { outcome: 'unanswered', outcomeInferred: false, answeredBy, handled: false };
  }
  if (outbound && answeredBy !== 'human') {
    return { outcome: 'unanswered', outcomeInferred: true, answeredBy, handled: false };
  }
  if (stated !== null) return { outcome: stated, outcomeInferred: false, answeredBy, handled: true };
  return { outcome: inferHandledOutcome(facts), outcomeInferred: true, answeredBy, handled: true };
}

function inferHandledOutcome(facts: OutcomeFacts): Outcome {
  if (!facts.complete) return 'failed';
  if (facts.transferred) return 'escalated';
  if (facts.rootFailed) return 'failed';
  if (isCallerHangup(facts.endReason) && !facts.agentReplied) return 'abandoned';
  return 'resolved';
}
