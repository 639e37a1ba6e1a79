import { CallAttr, type AnsweredBy } from '@lumay/conventions';
import type { AttributeValue, SpanRecord } from '../model/telemetry-records.js';
import { asToken, firstParsed } from './attribute-readers.js';
import { LiveKitAttr } from './engine-attributes.js';

/**
 * Raw "who picked up" values onto the closed set, after lower-casing and `-` → `_`. Sources: our
 * own values; Twilio `AnsweredBy` (https://www.twilio.com/docs/voice/answering-machine-detection)
 * and the final `CallStatus` of a call that never connected; LiveKit's `lk.amd.category`. A fax
 * line is a machine: no person was reached.
 */
const ANSWERED_BY_VALUES: ReadonlyMap<string, AnsweredBy> = new Map([
  ['human', 'human'],
  ['machine', 'machine'],
  ['voicemail', 'machine'],
  ['fax', 'machine'],
  ['machine_start', 'machine'],
  ['machine_end_beep', 'machine'],
  ['machine_end_silence', 'machine'],
  ['machine_end_other', 'machine'],
  ['machine_ivr', 'machine'],
  ['machine_vm', 'machine'],
  ['machine_unavailable', 'machine'],
  ['no_answer', 'no_answer'],
  ['busy', 'busy'],
  ['failed', 'failed'],
  ['canceled', 'failed'],
  ['cancelled', 'failed'],
]);

/**
 * The closed-set value, or null when the value says nothing about who answered: Twilio `unknown`,
 * LiveKit `uncertain`, call statuses of a connected call (`completed`, `in-progress`), anything else.
 */
export function normalizeAnsweredBy(value: AttributeValue | undefined): AnsweredBy | null {
  const token = asToken(value);
  return token === null ? null : (ANSWERED_BY_VALUES.get(token) ?? null);
}

/** An end reason that is the final status of a call that never connected (Twilio `CallStatus`). */
function notConnected(value: AttributeValue | undefined): AnsweredBy | null {
  const answeredBy = normalizeAnsweredBy(value);
  return answeredBy === 'no_answer' || answeredBy === 'busy' || answeredBy === 'failed' ? answeredBy : null;
}

export interface AnsweredByEvidence {
  /** Call spans, root first. */
  ordered: readonly SpanRecord[];
  /** The call has turns or speech/LLM spans: someone or something talked with the agent. */
  conversed: boolean;
  complete: boolean;
}

/**
 * Who answered an outbound call, strongest evidence first: `lumay.call.answered_by` (our values or
 * Twilio's), LiveKit's answering-machine detection, a conversation having happened (then a person
 * is assumed: without AMD an engine cannot tell, and it talked as if to one), an end reason that is
 * a not-connected call status; else `no_answer`, or `failed` for a call that expired without its
 * root (the attempt broke before anything could be known).
 */
export function resolveAnsweredBy(evidence: AnsweredByEvidence): AnsweredBy {
  const { ordered } = evidence;
  return (
    firstParsed(ordered, CallAttr.answeredBy, normalizeAnsweredBy) ??
    firstParsed(ordered, LiveKitAttr.amdCategory, normalizeAnsweredBy) ??
    (evidence.conversed ? 'human' : null) ??
    firstParsed(ordered, CallAttr.endReason, notConnected) ??
    (evidence.complete ? 'no_answer' : 'failed')
  );
}
