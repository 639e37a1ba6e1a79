import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallSession } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { T0_US, TRACE_ID, child, rootSpan, sessionOf, span, spanEvent } from './span-fixture.js';

/** A row builds a call and checks the fields it is about; `reason` says why the answer is right. */
interface Row {
  reason: string;
  spans: () => SpanRecord[];
  complete?: boolean;
  want: Partial<CallSession>;
}

function run(title: string, rows: Row[]): void {
  for (const row of rows) {
    test(`${title}: ${row.reason}`, () => {
      const session = sessionOf(row.spans(), { complete: row.complete ?? true });
      for (const [key, value] of Object.entries(row.want)) {
        assert.deepEqual(session[key as keyof CallSession], value, key);
      }
    });
  }
}

run('root and identity', [
  {
    reason: 'call id from lumay.call.id on the root',
    spans: () => [rootSpan({ 'lumay.call.id': 'CA123', 'gen_ai.conversation.id': 'conv-1' })],
    want: { callId: 'CA123', complete: true },
  },
  {
    reason: 'lumay.call.id on a child still beats gen_ai.conversation.id on the root',
    spans: () => [rootSpan({ 'gen_ai.conversation.id': 'conv-1' }), child('call.end', { attrs: { 'lumay.call.id': 'CA9' } })],
    want: { callId: 'CA9' },
  },
  { reason: 'call id from gen_ai.conversation.id', spans: () => [rootSpan({ 'gen_ai.conversation.id': 'conv-1' })], want: { callId: 'conv-1' } },
  { reason: "call id from Pipecat's conversation.id", spans: () => [span('conversation', { attrs: { 'conversation.id': 'pc-7' } })], want: { callId: 'pc-7' } },
  { reason: 'call id numeric (int64) is kept as text', spans: () => [rootSpan({ 'lumay.call.id': 42 })], want: { callId: '42' } },
  { reason: 'call id falls back to the trace id', spans: () => [rootSpan()], want: { callId: TRACE_ID } },
  {
    reason: 'duplicate roots: the earliest is the root, and its attributes win',
    spans: () => [
      span('call', { id: 'late', startMs: 500, attrs: { 'lumay.call.id': 'second' } }),
      span('call', { id: 'early', startMs: 0, durationMs: 2000, attrs: { 'lumay.call.id': 'first' } }),
    ],
    want: { callId: 'first', startUs: T0_US, endUs: T0_US + 2_000_000, complete: true, spanCount: 2 },
  },
  {
    reason: 'start is the root start even when a child starts earlier (clock skew), end the latest end',
    spans: () => [rootSpan({}, { startMs: 100, durationMs: 1000 }), child('tts', { startMs: 50, durationMs: 2000 })],
    want: { startUs: T0_US + 100_000, endUs: T0_US + 2_050_000, durationMs: 1950 },
  },
  {
    reason: 'expired call without a root: earliest span is read, the call is failed and incomplete',
    spans: () => [child('llm', { id: 'a', startMs: 200, durationMs: 100 }), child('stt', { id: 'b', startMs: 100, durationMs: 50 })],
    complete: false,
    want: { complete: false, outcome: 'failed', outcomeInferred: true, handled: true, startUs: T0_US + 100_000, durationMs: 200 },
  },
  {
    reason: 'no root span means incomplete even if the caller says complete',
    spans: () => [child('llm')],
    complete: true,
    want: { complete: false, outcome: 'failed' },
  },
  {
    reason: 'service name from the root resource',
    spans: () => [rootSpan({}, { service: 'phone-gateway' }), child('llm', { service: 'brain' })],
    want: { serviceName: 'phone-gateway' },
  },
  {
    reason: 'call-level strings',
    spans: () => [
      rootSpan({
        'gen_ai.agent.id': 'agent-7',
        'gen_ai.agent.name': 'Billing',
        'gen_ai.agent.version': '2.3.0',
        'lumay.campaign.id': 'spring-renewals',
        'lumay.correlation_id': 'corr-1',
        'lumay.call.caller.hash': 'sha256:abcd',
        'lumay.call.end_reason': 'agent_hangup',
      }),
    ],
    want: { agentId: 'agent-7', agentName: 'Billing', agentVersion: '2.3.0', campaignId: 'spring-renewals', correlationId: 'corr-1', callerHash: 'sha256:abcd', endReason: 'agent_hangup' },
  },
  { reason: "agent name from LiveKit's lk.agent_name", spans: () => [span('agent_session', { attrs: { 'lk.agent_name': 'frontdesk' } })], want: { agentName: 'frontdesk' } },
  { reason: 'direction defaults to inbound', spans: () => [rootSpan()], want: { direction: 'inbound', answeredBy: null } },
  { reason: 'direction is read case-insensitively', spans: () => [rootSpan({ 'lumay.call.direction': 'OUTBOUND', 'lumay.call.answered_by': 'human' })], want: { direction: 'outbound', answeredBy: 'human' } },
  { reason: 'an invalid direction is ignored', spans: () => [rootSpan({ 'lumay.call.direction': 'sideways' })], want: { direction: 'inbound' } },
]);

run('outcome from spans', [
  { reason: 'stated outcome on the root', spans: () => [rootSpan({ 'lumay.call.outcome': 'resolved' })], want: { outcome: 'resolved', outcomeInferred: false } },
  {
    reason: 'outcome stated on a child call.end span is used',
    spans: () => [rootSpan(), child('call.end', { attrs: { 'lumay.call.outcome': 'abandoned' } })],
    want: { outcome: 'abandoned', outcomeInferred: false },
  },
  {
    reason: 'an invalid outcome on the root does not hide a valid one on a child',
    spans: () => [rootSpan({ 'lumay.call.outcome': 'done' }), child('call.end', { attrs: { 'lumay.call.outcome': 'escalated' } })],
    want: { outcome: 'escalated', outcomeInferred: false },
  },
  {
    reason: 'a transfer-stage span → escalated',
    spans: () => [rootSpan(), child('transfer', { attrs: { 'lumay.stage': 'transfer', 'lumay.call.escalation.reason': 'billing_dispute' } })],
    want: { outcome: 'escalated', outcomeInferred: true, escalationReason: 'billing_dispute' },
  },
  {
    reason: 'a lumay.transfer event on any span → escalated, its reason recorded',
    spans: () => [rootSpan(), child('llm', { events: [spanEvent('lumay.transfer', { 'lumay.call.escalation.reason': 'asked_for_human' })] })],
    want: { outcome: 'escalated', outcomeInferred: true, escalationReason: 'asked_for_human' },
  },
  {
    reason: 'the root escalation reason wins over the event one',
    spans: () => [rootSpan({ 'lumay.call.escalation.reason': 'policy' }), child('llm', { events: [spanEvent('lumay.transfer', { 'lumay.call.escalation.reason': 'x' })] })],
    want: { escalationReason: 'policy' },
  },
  { reason: 'root status ERROR → failed', spans: () => [rootSpan({}, { status: 2 }), child('llm')], want: { outcome: 'failed', outcomeInferred: true } },
  { reason: 'a failed child alone does not fail the call', spans: () => [rootSpan(), child('llm', { status: 2 })], want: { outcome: 'resolved' } },
  {
    reason: 'caller hung up during the greeting (TTS only, no turn, no LLM) → abandoned',
    spans: () => [rootSpan({ 'lumay.call.end_reason': 'caller_hangup' }), child('tts')],
    want: { outcome: 'abandoned', outcomeInferred: true, turns: 0 },
  },
  {
    reason: 'caller hung up after a turn → resolved',
    spans: () => [rootSpan({ 'lumay.call.end_reason': 'caller_hangup' }), child('turn', { attrs: { 'lumay.turn.number': 1 } })],
    want: { outcome: 'resolved', turns: 1 },
  },
  {
    reason: 'outbound with no conversation → unanswered, no_answer, not handled, no telephony billed',
    spans: () => [rootSpan({ 'lumay.call.direction': 'outbound' }, { durationMs: 30_000 })],
    want: { outcome: 'unanswered', outcomeInferred: true, answeredBy: 'no_answer', handled: false },
  },
  {
    reason: 'outbound with speech spans → a person answered, handled, resolved',
    spans: () => [rootSpan({ 'lumay.call.direction': 'outbound' }), child('stt'), child('llm')],
    want: { outcome: 'resolved', answeredBy: 'human', handled: true },
  },
  {
    reason: 'outbound with Twilio AnsweredBy machine_end_beep and a stated resolved → unanswered (voicemail drop)',
    spans: () => [rootSpan({ 'lumay.call.direction': 'outbound', 'lumay.call.answered_by': 'machine_end_beep', 'lumay.call.outcome': 'resolved' }), child('tts')],
    want: { outcome: 'unanswered', outcomeInferred: true, answeredBy: 'machine', handled: false },
  },
  {
    reason: 'outbound LiveKit amd span says machine-vm',
    spans: () => [rootSpan({ 'lumay.call.direction': 'outbound' }), child('amd', { attrs: { 'lk.amd.category': 'machine-vm' } }), child('tts')],
    want: { outcome: 'unanswered', answeredBy: 'machine', handled: false },
  },
  {
    reason: 'outbound busy from the end reason',
    spans: () => [rootSpan({ 'lumay.call.direction': 'outbound', 'lumay.call.end_reason': 'busy' })],
    want: { outcome: 'unanswered', answeredBy: 'busy', handled: false },
  },
  {
    reason: 'outbound expired without any evidence → failed attempt',
    spans: () => [child('dial', { attrs: { 'lumay.call.direction': 'outbound' } })],
    complete: false,
    want: { outcome: 'unanswered', answeredBy: 'failed', handled: false, complete: false },
  },
]);

run('turns', [
  {
    reason: 'distinct lumay.turn.number values, also when only stage spans carry them',
    spans: () => [rootSpan(), child('turn', { attrs: { 'lumay.turn.number': 1 } }), child('llm', { attrs: { 'lumay.turn.number': 1 } }), child('llm', { attrs: { 'lumay.turn.number': 2 } })],
    want: { turns: 2 },
  },
  {
    reason: "Pipecat's turn.number, also as numeric strings",
    spans: () => [span('conversation'), child('turn', { attrs: { 'turn.number': '1' } }), child('turn', { attrs: { 'turn.number': 2 } }), child('turn', { attrs: { 'turn.number': '2' } })],
    want: { turns: 2 },
  },
  { reason: 'without numbers, spans named turn', spans: () => [rootSpan(), child('turn'), child('turn'), child('turn')], want: { turns: 3 } },
  {
    reason: 'LiveKit: agent_turn spans count, user_turn spans do not (one exchange has both)',
    spans: () => [span('agent_session'), child('user_turn'), child('agent_turn'), child('user_turn'), child('agent_turn')],
    want: { turns: 2 },
  },
  { reason: 'no turn spans', spans: () => [rootSpan(), child('llm')], want: { turns: 0 } },
]);

run('stages and bottleneck', [
  {
    reason: 'per-stage count, total and max; the largest total is the bottleneck',
    spans: () => [
      rootSpan(),
      child('stt', { durationMs: 200 }),
      child('stt', { durationMs: 300 }),
      child('llm', { durationMs: 900 }),
      child('tts', { durationMs: 400 }),
    ],
    want: { stages: { stt: { count: 2, totalMs: 500, maxMs: 300 }, llm: { count: 1, totalMs: 900, maxMs: 900 }, tts: { count: 1, totalMs: 400, maxMs: 400 } }, bottleneckStage: 'llm' },
  },
  {
    reason: 'a tie goes to the stage earlier in the pipeline (stt before tts), whatever the span order',
    spans: () => [rootSpan(), child('tts', { startMs: 0, durationMs: 500 }), child('stt', { startMs: 900, durationMs: 500 })],
    want: { bottleneckStage: 'stt' },
  },
  { reason: 'no stage spans → no bottleneck', spans: () => [rootSpan(), child('turn')], want: { stages: {}, bottleneckStage: null } },
  {
    reason: 'a GenAI chat span inside a lumay llm span is not counted twice',
    spans: () => [rootSpan(), child('llm', { id: 'outer', durationMs: 800 }), child('chat gpt-4o', { parent: 'outer', durationMs: 700, attrs: { 'gen_ai.operation.name': 'chat' } })],
    want: { stages: { llm: { count: 1, totalMs: 800, maxMs: 800 } } },
  },
  {
    reason: 'a span ending before it starts lasts no time',
    spans: () => [rootSpan(), { ...child('llm', { startMs: 100 }), endUs: T0_US }],
    want: { stages: { llm: { count: 1, totalMs: 0, maxMs: 0 } } },
  },
  {
    reason: 'parent ids that loop do not hang',
    spans: () => [rootSpan(), child('llm', { id: 'a', parent: 'b' }), child('llm', { id: 'b', parent: 'a' })],
    want: { spanCount: 3 },
  },
]);

run('events', [
  {
    reason: 'work items from lumay.work_item events on any span, in span order',
    spans: () => [
      rootSpan(),
      child('connector.crm', { id: 'crm', startMs: 100, events: [spanEvent('lumay.work_item', { 'lumay.work_item.type': 'crm_update', 'lumay.work_item.id': 'C-1', 'lumay.work_item.system': 'salesforce' })] }),
      child('connector.desk', { id: 'desk', startMs: 200, events: [spanEvent('lumay.work_item', { 'lumay.work_item.type': 'ticket', 'lumay.work_item.id': 4711, 'lumay.work_item.system': 'zendesk' })] }),
    ],
    want: {
      workItems: [
        { type: 'crm_update', id: 'C-1', system: 'salesforce', spanId: 'crm' },
        { type: 'ticket', id: '4711', system: 'zendesk', spanId: 'desk' },
      ],
    },
  },
  {
    reason: 'an untyped work item still counts, as other; custom types are kept as given',
    spans: () => [rootSpan({}, { events: [spanEvent('lumay.work_item', {}), spanEvent('lumay.work_item', { 'lumay.work_item.type': 'refund' })] })],
    want: {
      workItems: [
        { type: 'other', id: '', system: '', spanId: 'root' },
        { type: 'refund', id: '', system: '', spanId: 'root' },
      ],
    },
  },
  {
    reason: 'business events with numeric and string values',
    spans: () => [rootSpan({}, { events: [spanEvent('lumay.business_event', { 'lumay.business_event.name': 'payment_taken', 'lumay.business_event.value': '49.90' }), spanEvent('lumay.business_event', { 'lumay.business_event.name': 'appointment_booked' })] })],
    want: {
      businessEvents: [
        { name: 'payment_taken', value: 49.9, spanId: 'root' },
        { name: 'appointment_booked', value: null, spanId: 'root' },
      ],
    },
  },
  { reason: 'other events are ignored', spans: () => [rootSpan({}, { events: [spanEvent('exception', { 'exception.message': 'x' })] })], want: { workItems: [], businessEvents: [], outcome: 'resolved' } },
]);

run('sentiment', [
  { reason: 'derived from the call score', spans: () => [rootSpan({ 'lumay.call.sentiment.score': -0.7 })], want: { sentiment: 'negative', sentimentScore: -0.7 } },
  {
    reason: 'derived from the last labelled turn',
    spans: () => [rootSpan(), child('turn', { startMs: 1, attrs: { 'lumay.turn.sentiment': 'negative' } }), child('turn', { startMs: 2, attrs: { 'lumay.turn.sentiment': 'positive' } })],
    want: { sentiment: 'positive' },
  },
]);

test('buildSession: the same spans in any order give the same session', () => {
  const spans = [
    rootSpan({ 'lumay.call.outcome': 'resolved' }),
    child('stt', { startMs: 10, durationMs: 100, attrs: { 'lumay.usage.stt.audio_seconds': 3 } }),
    child('llm', { startMs: 10, durationMs: 300, attrs: { 'gen_ai.usage.input_tokens': 500 } }),
    child('connector.crm', { startMs: 400, durationMs: 80, events: [spanEvent('lumay.work_item', { 'lumay.work_item.type': 'ticket' })] }),
    child('call.end', { startMs: 900, attrs: { 'lumay.call.id': 'from-child' } }),
  ];
  const forward = sessionOf(spans);
  const backward = sessionOf([...spans].reverse());
  assert.deepEqual(backward, forward);
});

test('buildSession: bad attribute values are ignored, never thrown on', () => {
  const weird = {
    'lumay.call.id': ['not', 'text'],
    'lumay.call.direction': null,
    'lumay.call.outcome': { nested: true },
    'lumay.call.sentiment.score': 'NaN',
    'gen_ai.usage.input_tokens': 'lots',
    'gen_ai.usage.output_tokens': -5,
    'lumay.cost.usd': 'free',
    'lumay.turn.number': Number.NaN,
  };
  const session = sessionOf([rootSpan(weird), child('llm', { attrs: weird })]);
  assert.equal(session.callId, TRACE_ID);
  assert.equal(session.direction, 'inbound');
  assert.equal(session.outcome, 'resolved');
  assert.equal(session.sentiment, null);
  assert.equal(session.usage.inputTokens, 0);
  assert.equal(session.usage.outputTokens, 0);
  assert.equal(session.turns, 0);
  assert.equal(session.cost.stated, false);
});

test('buildSession: no spans at all still yields a (failed, incomplete) record', () => {
  const session = sessionOf([], { nowUs: T0_US });
  assert.equal(session.complete, false);
  assert.equal(session.outcome, 'failed');
  assert.equal(session.startUs, T0_US);
  assert.equal(session.spanCount, 0);
});

test('buildSession: tenant, trace, revision and completion time are passed through', () => {
  const session = sessionOf([rootSpan()], { tenantId: 'acme', revision: 3, nowUs: T0_US + 99 });
  assert.deepEqual([session.tenantId, session.traceId, session.revision, session.completedAtUs], ['acme', TRACE_ID, 3, T0_US + 99]);
});
