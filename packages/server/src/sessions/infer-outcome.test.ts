import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideOutcome, isCallerHangup, type OutcomeDecision, type OutcomeFacts } from './infer-outcome.js';

const base: OutcomeFacts = {
  direction: 'inbound',
  statedOutcome: null,
  answeredBy: null,
  conversed: true,
  agentReplied: true,
  complete: true,
  rootFailed: false,
  transferred: false,
  endReason: '',
};

const cases: { reason: string; facts: Partial<OutcomeFacts>; want: OutcomeDecision }[] = [
  // Stated outcomes
  { reason: 'a stated outcome wins and is not inferred', facts: { statedOutcome: 'escalated' }, want: { outcome: 'escalated', outcomeInferred: false, answeredBy: null, handled: true } },
  { reason: 'a stated resolved wins over a transfer', facts: { statedOutcome: 'resolved', transferred: true }, want: { outcome: 'resolved', outcomeInferred: false, answeredBy: null, handled: true } },
  { reason: 'a stated outcome wins over an expired call', facts: { statedOutcome: 'abandoned', complete: false }, want: { outcome: 'abandoned', outcomeInferred: false, answeredBy: null, handled: true } },
  { reason: 'stated unanswered on an inbound call becomes abandoned (inbound is always handled)', facts: { statedOutcome: 'unanswered' }, want: { outcome: 'abandoned', outcomeInferred: true, answeredBy: null, handled: true } },
  { reason: 'stated unanswered on outbound answered by machine is kept', facts: { direction: 'outbound', statedOutcome: 'unanswered', answeredBy: 'machine' }, want: { outcome: 'unanswered', outcomeInferred: false, answeredBy: 'machine', handled: false } },
  { reason: 'stated unanswered contradicts a person answering: the agent talked, so a machine', facts: { direction: 'outbound', statedOutcome: 'unanswered', answeredBy: 'human' }, want: { outcome: 'unanswered', outcomeInferred: false, answeredBy: 'machine', handled: false } },
  { reason: 'stated unanswered with a person but no conversation: no answer', facts: { direction: 'outbound', statedOutcome: 'unanswered', answeredBy: 'human', conversed: false }, want: { outcome: 'unanswered', outcomeInferred: false, answeredBy: 'no_answer', handled: false } },
  { reason: 'a handled outcome on an outbound call answered by a machine is normalised to unanswered', facts: { direction: 'outbound', statedOutcome: 'resolved', answeredBy: 'machine' }, want: { outcome: 'unanswered', outcomeInferred: true, answeredBy: 'machine', handled: false } },
  { reason: 'a stated outcome on an outbound call a person answered is kept', facts: { direction: 'outbound', statedOutcome: 'resolved', answeredBy: 'human' }, want: { outcome: 'resolved', outcomeInferred: false, answeredBy: 'human', handled: true } },
  { reason: 'inbound calls never carry answeredBy', facts: { answeredBy: 'machine' }, want: { outcome: 'resolved', outcomeInferred: true, answeredBy: null, handled: true } },
  // Inference, in rule order
  { reason: 'outbound busy → unanswered', facts: { direction: 'outbound', answeredBy: 'busy', conversed: false }, want: { outcome: 'unanswered', outcomeInferred: true, answeredBy: 'busy', handled: false } },
  { reason: 'outbound no answer → unanswered even when expired', facts: { direction: 'outbound', answeredBy: 'failed', complete: false }, want: { outcome: 'unanswered', outcomeInferred: true, answeredBy: 'failed', handled: false } },
  { reason: 'expired call → failed, even with a transfer', facts: { complete: false, transferred: true }, want: { outcome: 'failed', outcomeInferred: true, answeredBy: null, handled: true } },
  { reason: 'transfer → escalated', facts: { transferred: true }, want: { outcome: 'escalated', outcomeInferred: true, answeredBy: null, handled: true } },
  { reason: 'transfer wins over a root error (the caller reached a person)', facts: { transferred: true, rootFailed: true }, want: { outcome: 'escalated', outcomeInferred: true, answeredBy: null, handled: true } },
  { reason: 'root status ERROR → failed', facts: { rootFailed: true }, want: { outcome: 'failed', outcomeInferred: true, answeredBy: null, handled: true } },
  { reason: 'caller hung up before any reply → abandoned', facts: { endReason: 'caller_hangup', agentReplied: false }, want: { outcome: 'abandoned', outcomeInferred: true, answeredBy: null, handled: true } },
  { reason: 'caller hung up after the agent replied → resolved', facts: { endReason: 'caller_hangup' }, want: { outcome: 'resolved', outcomeInferred: true, answeredBy: null, handled: true } },
  { reason: 'Vapi customer-ended-call counts as a caller hang-up', facts: { endReason: 'customer-ended-call', agentReplied: false }, want: { outcome: 'abandoned', outcomeInferred: true, answeredBy: null, handled: true } },
  { reason: 'agent hang-up with no reply is not abandonment', facts: { endReason: 'agent_hangup', agentReplied: false }, want: { outcome: 'resolved', outcomeInferred: true, answeredBy: null, handled: true } },
  { reason: 'outbound answered by a person with a transfer → escalated', facts: { direction: 'outbound', answeredBy: 'human', transferred: true }, want: { outcome: 'escalated', outcomeInferred: true, answeredBy: 'human', handled: true } },
  { reason: 'nothing special → resolved', facts: {}, want: { outcome: 'resolved', outcomeInferred: true, answeredBy: null, handled: true } },
];

for (const c of cases) {
  test(`decideOutcome: ${c.reason}`, () => {
    assert.deepEqual(decideOutcome({ ...base, ...c.facts }), c.want);
  });
}

const hangups: { reason: string; endReason: string; want: boolean }[] = [
  { reason: 'our value', endReason: 'caller_hangup', want: true },
  { reason: 'upper case and hyphens', endReason: 'Caller-Hangup', want: true },
  { reason: 'user_hangup alias', endReason: 'user_hangup', want: true },
  { reason: 'agent hang-up is not the caller', endReason: 'agent_hangup', want: false },
  { reason: 'empty', endReason: '', want: false },
];
for (const h of hangups) {
  test(`isCallerHangup: ${h.reason}`, () => assert.equal(isCallerHangup(h.endReason), h.want));
}
