import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnsweredBy } from '@lumay/conventions';
import type { Attributes } from '../model/telemetry-records.js';
import { normalizeAnsweredBy, resolveAnsweredBy } from './answered-by.js';
import { child, rootSpan } from './span-fixture.js';

const mappings: { reason: string; raw: string | number | boolean; want: AnsweredBy | null }[] = [
  { reason: 'our own value', raw: 'human', want: 'human' },
  { reason: 'our own value, any case', raw: 'Machine', want: 'machine' },
  { reason: 'Twilio AnsweredBy machine_start', raw: 'machine_start', want: 'machine' },
  { reason: 'Twilio AnsweredBy machine_end_beep', raw: 'machine_end_beep', want: 'machine' },
  { reason: 'Twilio AnsweredBy machine_end_silence', raw: 'machine_end_silence', want: 'machine' },
  { reason: 'Twilio AnsweredBy machine_end_other', raw: 'machine_end_other', want: 'machine' },
  { reason: 'Twilio AnsweredBy fax: no person reached', raw: 'fax', want: 'machine' },
  { reason: 'Twilio AnsweredBy unknown says nothing', raw: 'unknown', want: null },
  { reason: 'Twilio CallStatus no-answer (hyphen)', raw: 'no-answer', want: 'no_answer' },
  { reason: 'Twilio CallStatus busy', raw: 'busy', want: 'busy' },
  { reason: 'Twilio CallStatus failed', raw: 'failed', want: 'failed' },
  { reason: 'Twilio CallStatus canceled', raw: 'canceled', want: 'failed' },
  { reason: 'British spelling of cancelled', raw: 'cancelled', want: 'failed' },
  { reason: 'Twilio CallStatus completed says nothing about who answered', raw: 'completed', want: null },
  { reason: 'Twilio CallStatus in-progress says nothing', raw: 'in-progress', want: null },
  { reason: 'LiveKit machine-ivr', raw: 'machine-ivr', want: 'machine' },
  { reason: 'LiveKit machine-vm', raw: 'machine-vm', want: 'machine' },
  { reason: 'LiveKit machine-unavailable (mailbox full)', raw: 'machine-unavailable', want: 'machine' },
  { reason: 'LiveKit uncertain is no information', raw: 'uncertain', want: null },
  { reason: 'voicemail alias', raw: 'voicemail', want: 'machine' },
  { reason: 'a number is no value of the set', raw: 1, want: null },
  { reason: 'a boolean is ignored', raw: true, want: null },
];

for (const m of mappings) {
  test(`normalizeAnsweredBy: ${m.reason}`, () => {
    assert.equal(normalizeAnsweredBy(m.raw), m.want);
  });
}

const resolution: { reason: string; root: Attributes; amd?: string; conversed: boolean; complete?: boolean; want: AnsweredBy }[] = [
  { reason: 'stated value wins over a conversation', root: { 'lumay.call.answered_by': 'machine' }, conversed: true, want: 'machine' },
  { reason: 'stated Twilio value is mapped', root: { 'lumay.call.answered_by': 'machine_end_beep' }, conversed: false, want: 'machine' },
  { reason: 'LiveKit AMD when nothing is stated', root: {}, amd: 'machine-vm', conversed: true, want: 'machine' },
  { reason: 'stated value wins over AMD', root: { 'lumay.call.answered_by': 'human' }, amd: 'machine-vm', conversed: true, want: 'human' },
  { reason: 'AMD uncertain falls back to the conversation: a person', root: {}, amd: 'uncertain', conversed: true, want: 'human' },
  { reason: 'AMD uncertain and no conversation: no answer', root: {}, amd: 'uncertain', conversed: false, want: 'no_answer' },
  { reason: 'a conversation means a person answered', root: {}, conversed: true, want: 'human' },
  { reason: 'a not-connected end reason (Twilio busy)', root: { 'lumay.call.end_reason': 'busy' }, conversed: false, want: 'busy' },
  { reason: 'end reason no-answer', root: { 'lumay.call.end_reason': 'no-answer' }, conversed: false, want: 'no_answer' },
  { reason: 'a conversation wins over a failed end reason (the call broke after answering)', root: { 'lumay.call.end_reason': 'failed' }, conversed: true, want: 'human' },
  { reason: 'an end reason of a connected call says nothing', root: { 'lumay.call.end_reason': 'completed' }, conversed: false, want: 'no_answer' },
  { reason: 'nothing known about a complete attempt: no answer', root: {}, conversed: false, want: 'no_answer' },
  { reason: 'nothing known about an expired attempt: failed', root: {}, conversed: false, complete: false, want: 'failed' },
  { reason: 'invalid stated value falls through', root: { 'lumay.call.answered_by': 'robot' }, conversed: true, want: 'human' },
];

for (const r of resolution) {
  test(`resolveAnsweredBy: ${r.reason}`, () => {
    const spans = [rootSpan(r.root)];
    if (r.amd !== undefined) spans.push(child('amd', { attrs: { 'lk.amd.category': r.amd } }));
    assert.equal(resolveAnsweredBy({ ordered: spans, conversed: r.conversed, complete: r.complete ?? true }), r.want);
  });
}
