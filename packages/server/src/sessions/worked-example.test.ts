import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PRICE_BOOK } from '../cost/default-price-book.js';
import { T0_US, sessionOf, span, spanEvent } from './span-fixture.js';

/*
 * The worked example of docs/semantic-conventions.md ("A complete example"), span for span. If this
 * test changes, the document's tables must change with it.
 */
function workedExample() {
  const turn = (n: number, id: string, startMs: number, durationMs: number) =>
    span('turn', { id, parent: 'root', startMs, durationMs, attrs: { 'lumay.turn.number': n } });
  return [
    span('call', {
      id: 'root',
      startMs: 0,
      durationMs: 42_000,
      service: 'support-bot',
      attrs: {
        'lumay.call.id': 'CA5f0e2c',
        'lumay.call.direction': 'inbound',
        'gen_ai.agent.id': 'support-bot',
        'gen_ai.agent.version': '1.4.2',
        'lumay.call.outcome': 'escalated',
        'lumay.call.escalation.reason': 'billing_dispute',
        'lumay.call.end_reason': 'transferred',
        'lumay.call.caller.hash': 'sha256:9f2c…',
        'lumay.call.sentiment.score': -0.4,
      },
    }),
    turn(1, 'turn1', 2_000, 12_000),
    span('stt', { parent: 'turn1', startMs: 2_000, durationMs: 450, attrs: { 'lumay.stage': 'stt', 'lumay.provider': 'deepgram', 'lumay.usage.stt.audio_seconds': 6.2 } }),
    span('chat gpt-4o', { parent: 'turn1', startMs: 2_450, durationMs: 700, attrs: { 'lumay.stage': 'llm', 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1_850, 'gen_ai.usage.output_tokens': 62 } }),
    span('connector crm.lookup_customer', { parent: 'turn1', startMs: 3_150, durationMs: 320, attrs: { 'lumay.stage': 'connector', 'lumay.connector.name': 'salesforce', 'lumay.connector.kind': 'crm', 'lumay.connector.operation': 'lookup_customer', 'lumay.connector.success': true } }),
    span('tts', { parent: 'turn1', startMs: 3_470, durationMs: 380, attrs: { 'lumay.stage': 'tts', 'lumay.provider': 'cartesia', 'lumay.usage.tts.characters': 142 } }),
    turn(2, 'turn2', 20_000, 21_000),
    span('stt', { parent: 'turn2', startMs: 20_000, durationMs: 520, attrs: { 'lumay.stage': 'stt', 'lumay.provider': 'deepgram', 'lumay.usage.stt.audio_seconds': 7.8 } }),
    span('chat gpt-4o', { parent: 'turn2', startMs: 20_520, durationMs: 1_100, attrs: { 'lumay.stage': 'llm', 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 2_430, 'gen_ai.usage.cache_read.input_tokens': 1_792, 'gen_ai.usage.output_tokens': 85 } }),
    span('connector zendesk.create_ticket', {
      parent: 'turn2',
      startMs: 21_620,
      durationMs: 840,
      attrs: { 'lumay.stage': 'connector', 'lumay.connector.name': 'zendesk', 'lumay.connector.kind': 'ticketing', 'lumay.connector.operation': 'create_ticket', 'lumay.connector.success': true },
      events: [spanEvent('lumay.work_item', { 'lumay.work_item.type': 'ticket', 'lumay.work_item.id': 'ZD-48213', 'lumay.work_item.system': 'zendesk' }, 22_450)],
    }),
    span('tts', { parent: 'turn2', startMs: 22_460, durationMs: 410, attrs: { 'lumay.stage': 'tts', 'lumay.provider': 'cartesia', 'lumay.usage.tts.characters': 168 } }),
    span('transfer', {
      parent: 'root',
      startMs: 41_000,
      durationMs: 600,
      attrs: { 'lumay.stage': 'transfer', 'lumay.provider': 'twilio' },
      events: [spanEvent('lumay.transfer', { 'lumay.call.escalation.reason': 'billing_dispute' }, 41_000)],
    }),
  ];
}

test('worked example: the session the document describes', () => {
  const s = sessionOf(workedExample(), { pricesAt: () => [DEFAULT_PRICE_BOOK] });
  assert.equal(s.callId, 'CA5f0e2c');
  assert.equal(s.serviceName, 'support-bot');
  assert.equal(s.startUs, T0_US);
  assert.equal(s.durationMs, 42_000);
  assert.deepEqual([s.outcome, s.outcomeInferred, s.handled, s.answeredBy], ['escalated', false, true, null]);
  assert.equal(s.escalationReason, 'billing_dispute');
  assert.equal(s.turns, 2);
  assert.deepEqual([s.sentiment, s.sentimentScore], ['negative', -0.4]);
  assert.deepEqual(s.stages, {
    stt: { count: 2, totalMs: 970, maxMs: 520 },
    llm: { count: 2, totalMs: 1800, maxMs: 1100 },
    connector: { count: 2, totalMs: 1160, maxMs: 840 },
    tts: { count: 2, totalMs: 790, maxMs: 410 },
    transfer: { count: 1, totalMs: 600, maxMs: 600 },
  });
  assert.equal(s.bottleneckStage, 'llm');
  assert.deepEqual(
    s.connectorCalls.map((c) => [c.connector, c.operation, c.success, c.durationMs]),
    [
      ['salesforce', 'lookup_customer', true, 320],
      ['zendesk', 'create_ticket', true, 840],
    ],
  );
  assert.deepEqual(s.workItems.map((w) => [w.type, w.id, w.system]), [['ticket', 'ZD-48213', 'zendesk']]);
  assert.deepEqual(s.usage, { sttAudioSeconds: 14, inputTokens: 4_280, outputTokens: 147, cachedInputTokens: 1_792, ttsCharacters: 310, telephonySeconds: 42 });
  assert.deepEqual(s.cost, { telephony: 0.00595, stt: 0.001797, llm: 0.00993, tts: 0.00465, connector: 0, other: 0, total: 0.022327, stated: false });
});

test('worked example: without the stated outcome the transfer still makes it escalated (inferred)', () => {
  const spans = workedExample();
  delete spans[0].attributes['lumay.call.outcome'];
  const s = sessionOf(spans, { pricesAt: () => [DEFAULT_PRICE_BOOK] });
  assert.deepEqual([s.outcome, s.outcomeInferred], ['escalated', true]);
});
