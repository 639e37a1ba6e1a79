import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CostBreakdown, UsageTotals } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { child, rootSpan, sessionOf, span } from './span-fixture.js';

const zero: UsageTotals = { sttAudioSeconds: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, ttsCharacters: 0, telephonySeconds: 0 };
/** Stated telephony of 0 s keeps the duration fallback out of rows that are about other usage. */
const noPhone = { 'lumay.usage.telephony.seconds': 0 };

const usageRows: { reason: string; spans: () => SpanRecord[]; want: Partial<UsageTotals> }[] = [
  {
    reason: 'sums over spans, numeric strings accepted',
    spans: () => [
      rootSpan(noPhone),
      child('llm', { attrs: { 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': '80', 'gen_ai.usage.cache_read.input_tokens': '1000' } }),
      child('llm', { attrs: { 'gen_ai.usage.input_tokens': '800', 'gen_ai.usage.output_tokens': 20 } }),
      child('stt', { attrs: { 'lumay.usage.stt.audio_seconds': '4.5' } }),
      child('tts', { attrs: { 'lumay.usage.tts.characters': 120 } }),
    ],
    want: { inputTokens: 2000, outputTokens: 100, cachedInputTokens: 1000, sttAudioSeconds: 4.5, ttsCharacters: 120, telephonySeconds: 0 },
  },
  {
    reason: "Pipecat's metrics.audio_seconds and metrics.character_count",
    spans: () => [span('conversation', { attrs: noPhone }), child('stt', { attrs: { 'metrics.audio_seconds': 2.5 } }), child('tts', { attrs: { 'metrics.character_count': '64' } })],
    want: { sttAudioSeconds: 2.5, ttsCharacters: 64 },
  },
  {
    reason: 'our name wins over the Pipecat one on the same span (not summed twice)',
    spans: () => [rootSpan(noPhone), child('tts', { attrs: { 'lumay.usage.tts.characters': 100, 'metrics.character_count': 100 } })],
    want: { ttsCharacters: 100 },
  },
  {
    reason: "LiveKit's gen_ai.usage.input_cached_tokens and legacy prompt/completion tokens",
    spans: () => [rootSpan(noPhone), child('llm_request', { attrs: { 'gen_ai.usage.prompt_tokens': 300, 'gen_ai.usage.completion_tokens': 40, 'gen_ai.usage.input_cached_tokens': 200 } })],
    want: { inputTokens: 300, outputTokens: 40, cachedInputTokens: 200 },
  },
  {
    reason: 'negative and non-numeric values are ignored',
    spans: () => [rootSpan(noPhone), child('llm', { attrs: { 'gen_ai.usage.input_tokens': -10, 'gen_ai.usage.output_tokens': '12abc' } })],
    want: { inputTokens: 0, outputTokens: 0 },
  },
  {
    reason: 'stated telephony seconds are summed (two legs)',
    spans: () => [rootSpan({ 'lumay.usage.telephony.seconds': 60 }), child('transfer', { attrs: { 'lumay.stage': 'transfer', 'lumay.usage.telephony.seconds': '30' } })],
    want: { telephonySeconds: 90 },
  },
  { reason: 'inbound without stated telephony: billed for the call duration', spans: () => [rootSpan({}, { durationMs: 90_000 })], want: { telephonySeconds: 90 } },
  { reason: 'a stated 0 (a WebRTC call) is respected', spans: () => [rootSpan(noPhone, { durationMs: 90_000 })], want: { telephonySeconds: 0 } },
  {
    reason: 'an unanswered outbound attempt is not billed',
    spans: () => [rootSpan({ 'lumay.call.direction': 'outbound', 'lumay.call.answered_by': 'no-answer' }, { durationMs: 25_000 })],
    want: { telephonySeconds: 0 },
  },
  {
    reason: 'an outbound call answered by a machine is billed (carriers bill connected calls)',
    spans: () => [rootSpan({ 'lumay.call.direction': 'outbound', 'lumay.call.answered_by': 'machine' }, { durationMs: 30_000 })],
    want: { telephonySeconds: 30 },
  },
];

for (const row of usageRows) {
  test(`usage: ${row.reason}`, () => {
    const usage = sessionOf(row.spans()).usage;
    assert.deepEqual(usage, { ...usage, ...row.want });
    for (const key of Object.keys(zero) as (keyof UsageTotals)[]) assert.ok(Number.isFinite(usage[key]), key);
  });
}

/** Cost through the whole path with TEST_PRICES (span-fixture.ts); expected values worked by hand. */
const costRows: { reason: string; spans: () => SpanRecord[]; want: Partial<CostBreakdown> }[] = [
  {
    reason: 'a 2-minute inbound call, every component priced',
    spans: () => [
      rootSpan({}, { durationMs: 120_000 }), // 2 min × $0.01 = $0.02
      child('stt', { attrs: { 'lumay.usage.stt.audio_seconds': 50 } }), // 50/60 × 0.006 = 0.005
      child('stt', { attrs: { 'lumay.usage.stt.audio_seconds': 10 } }), // 10/60 × 0.006 = 0.001
      // gpt-4o: 40k uncached × 2.5 + 20k cached × 1.25 + 5k out × 10, per 1M = 0.1 + 0.025 + 0.05
      child('llm', { attrs: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 60_000, 'gen_ai.usage.cache_read.input_tokens': 20_000, 'gen_ai.usage.output_tokens': 5_000 } }),
      // unknown model → default: 100k × 1 + 50k × 2, per 1M = 0.1 + 0.1
      child('llm', { attrs: { 'gen_ai.request.model': 'mystery-7b', 'gen_ai.usage.input_tokens': 100_000, 'gen_ai.usage.output_tokens': 50_000 } }),
      child('tts', { attrs: { 'lumay.usage.tts.characters': 2_000 } }), // 2000 × 15 / 1M = 0.03
      child('connector.crm'), // 0.001
      child('connector.desk'), // 0.001
    ],
    want: { telephony: 0.02, stt: 0.006, llm: 0.375, tts: 0.03, connector: 0.002, other: 0, total: 0.433, stated: false },
  },
  {
    reason: 'a cost stated on an llm span replaces only that span’s computed cost',
    spans: () => [
      rootSpan({ 'lumay.usage.telephony.seconds': 60 }), // 0.01
      child('llm', { attrs: { 'gen_ai.usage.input_tokens': 1_000_000, 'lumay.cost.usd': 0.05 } }), // computed would be 1.00
      child('llm', { attrs: { 'gen_ai.usage.output_tokens': 1_000_000 } }), // 2.00
    ],
    want: { telephony: 0.01, llm: 2.05, total: 2.06, stated: true },
  },
  {
    reason: 'a stated cost on a span without a stage is booked to other',
    spans: () => [rootSpan({ 'lumay.usage.telephony.seconds': 60 }), child('webhook', { attrs: { 'lumay.cost.usd': '0.25' } })],
    want: { telephony: 0.01, other: 0.25, total: 0.26, stated: true },
  },
  {
    reason: 'a cost stated on the root alone is the whole call (engine bill), booked to other',
    spans: () => [rootSpan({ 'lumay.cost.usd': 0.42 }, { durationMs: 600_000 }), child('llm', { attrs: { 'gen_ai.usage.input_tokens': 1_000_000 } })],
    want: { telephony: 0, llm: 0, other: 0.42, total: 0.42, stated: true },
  },
  {
    reason: 'with other stated costs, the root cost is the root span’s own share (its telephony)',
    spans: () => [
      rootSpan({ 'lumay.cost.usd': 0.1, 'lumay.stage': 'telephony' }, { durationMs: 600_000 }),
      child('llm', { attrs: { 'lumay.cost.usd': 0.2 } }),
      child('tts', { attrs: { 'lumay.usage.tts.characters': 1000 } }), // 0.015
    ],
    want: { telephony: 0.1, llm: 0.2, tts: 0.015, total: 0.315, stated: true },
  },
  {
    reason: 'a stated cost of 0 wins (a free span)',
    spans: () => [rootSpan({ 'lumay.usage.telephony.seconds': 0 }), child('llm', { attrs: { 'gen_ai.usage.input_tokens': 1_000_000, 'lumay.cost.usd': 0 } })],
    want: { llm: 0, total: 0, stated: true },
  },
  {
    reason: 'a negative stated cost is ignored and the price table applies',
    spans: () => [rootSpan({ 'lumay.usage.telephony.seconds': 0 }), child('llm', { attrs: { 'gen_ai.usage.input_tokens': 1_000_000, 'lumay.cost.usd': -1 } })],
    want: { llm: 1, total: 1, stated: false },
  },
];

for (const row of costRows) {
  test(`cost: ${row.reason}`, () => {
    const cost = sessionOf(row.spans()).cost;
    for (const [key, value] of Object.entries(row.want)) {
      const actual = cost[key as keyof CostBreakdown];
      if (typeof value === 'number') assert.equal(Math.round((actual as number) * 100), Math.round(value * 100), `${key} in cents`);
      assert.equal(actual, value, key);
    }
  });
}
