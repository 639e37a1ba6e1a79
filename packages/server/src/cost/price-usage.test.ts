import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CostBreakdown, UsageTotals } from '../model/call-session.js';
import type { PriceEntry } from './price-book.js';
import { costComponentOf, priceableUsageOf, type CostItem } from './priceable-usage.js';
import { priceUsage, roundUsd } from './price-usage.js';

const prices: PriceEntry[] = [
  { component: 'telephony', perMinuteUsd: 0.013 },
  { component: 'telephony', direction: 'outbound', perMinuteUsd: 0.02 },
  { component: 'stt', perAudioMinuteUsd: 0.0059 },
  { component: 'llm', inputPer1MTokensUsd: 0.15, outputPer1MTokensUsd: 0.6 },
  { component: 'llm', model: 'gpt-4o', inputPer1MTokensUsd: 2.5, cachedInputPer1MTokensUsd: 1.25, outputPer1MTokensUsd: 10 },
  { component: 'tts', per1MCharactersUsd: 30 },
  { component: 'connector', perCallUsd: 0.0005 },
];

const none: UsageTotals = { sttAudioSeconds: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, ttsCharacters: 0, telephonySeconds: 0 };

function item(usage: Partial<UsageTotals>, more: Partial<CostItem> = {}): CostItem {
  return { usage: { ...none, ...usage }, provider: '', model: '', connector: '', connectorCalls: 0, component: 'other', statedUsd: null, isRoot: false, ...more };
}

const cases: { reason: string; items: CostItem[]; want: Partial<CostBreakdown>; outbound?: boolean }[] = [
  { reason: 'nothing used costs nothing', items: [item({})], want: { total: 0, stated: false } },
  { reason: 'telephony per minute, pro rata: 3.5 min × 0.013', items: [item({ telephonySeconds: 210 })], want: { telephony: 0.0455, total: 0.0455 } },
  { reason: 'telephony at the direction’s price: 3 min × 0.02 outbound', items: [item({ telephonySeconds: 180 })], outbound: true, want: { telephony: 0.06 } },
  { reason: 'stt per audio minute: 10 min × 0.0059', items: [item({ sttAudioSeconds: 600 })], want: { stt: 0.059 } },
  { reason: 'tts per million characters: 12,345 × 30 / 1M', items: [item({ ttsCharacters: 12_345 })], want: { tts: 0.37035 } },
  { reason: 'connector per call: 4 × 0.0005', items: [item({}, { connectorCalls: 4 })], want: { connector: 0.002 } },
  {
    reason: 'cached tokens are part of input tokens and priced at the cached rate',
    items: [item({ inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 1_000 }, { model: 'gpt-4o' })],
    // 2,000 × 2.5 + 8,000 × 1.25 + 1,000 × 10, per 1M = 0.005 + 0.01 + 0.01
    want: { llm: 0.025 },
  },
  {
    reason: 'cached above input means the engine reports them apart: both priced as given',
    items: [item({ inputTokens: 1_000, cachedInputTokens: 4_000 }, { model: 'gpt-4o' })],
    want: { llm: 0.0075 },
  },
  {
    reason: 'no cached price: cached tokens cost the input price',
    items: [item({ inputTokens: 1_000_000, cachedInputTokens: 500_000 }, { model: 'llama-3-8b' })],
    want: { llm: 0.15 },
  },
  {
    reason: 'per-span models are priced separately',
    items: [item({ outputTokens: 100_000 }, { model: 'gpt-4o' }), item({ outputTokens: 100_000 }, { model: '' })],
    want: { llm: 1.06 },
  },
  {
    reason: 'a stated cost replaces its item and is booked to its component',
    items: [item({ inputTokens: 1_000_000 }, { model: 'gpt-4o', component: 'llm', statedUsd: 0.01 }), item({ telephonySeconds: 60 })],
    want: { llm: 0.01, telephony: 0.013, total: 0.023, stated: true },
  },
  {
    reason: 'a stated root cost alone is the total, in other',
    items: [item({ telephonySeconds: 6000 }, { isRoot: true, statedUsd: 1.5 }), item({ ttsCharacters: 1_000_000 }, { component: 'tts' })],
    want: { telephony: 0, tts: 0, other: 1.5, total: 1.5, stated: true },
  },
  {
    reason: 'a stated root cost next to other stated costs is the root item only',
    items: [
      item({ telephonySeconds: 6000 }, { isRoot: true, statedUsd: 0.5, component: 'telephony' }),
      item({}, { statedUsd: 0.25, component: 'stt' }),
      item({ ttsCharacters: 100_000 }, { component: 'tts' }),
    ],
    want: { telephony: 0.5, stt: 0.25, tts: 3, total: 3.75, stated: true },
  },
  {
    reason: 'float noise is rounded away: 0.1 + 0.2 dollars stated is 0.3',
    items: [item({}, { statedUsd: 0.1 }), item({}, { statedUsd: 0.2 })],
    want: { other: 0.3, total: 0.3 },
  },
];

for (const c of cases) {
  test(`priceUsage: ${c.reason}`, () => {
    const cost = priceUsage(priceableUsageOf(c.items), [prices], c.outbound ? 'outbound' : 'inbound');
    for (const [key, value] of Object.entries(c.want)) assert.equal(cost[key as keyof CostBreakdown], value, key);
    const sum = cost.telephony + cost.stt + cost.llm + cost.tts + cost.connector + cost.other;
    assert.equal(cost.total, roundUsd(sum), 'total is the sum of the components');
  });
}

test('priceUsage: a malformed price (a hand-edited file) prices nothing instead of NaN', () => {
  const broken = [{ component: 'telephony', perMinuteUsd: '0.01' }, { component: 'llm', inputPer1MTokensUsd: null }] as unknown as PriceEntry[];
  const cost = priceUsage(priceableUsageOf([item({ telephonySeconds: 60, inputTokens: 1_000 })]), [broken], 'inbound');
  assert.equal(cost.total, 0);
});

test('priceableUsageOf: spans of the same provider and model fold into one line per component', () => {
  const usage = priceableUsageOf([
    item({ sttAudioSeconds: 3 }, { provider: 'deepgram', model: 'nova-3' }),
    item({ sttAudioSeconds: 4.5 }, { provider: 'deepgram', model: 'nova-3' }),
    item({ inputTokens: 100, cachedInputTokens: 60, outputTokens: 7 }, { model: 'gpt-4o' }),
    item({}, { connector: 'crm', connectorCalls: 1 }),
    item({}, { connector: 'crm', connectorCalls: 1 }),
  ]);
  assert.deepEqual(usage.stated, []);
  assert.deepEqual(
    usage.lines.map((l) => [l.component, l.provider, l.model, l.connector, l.quantity, l.cachedInputTokens, l.outputTokens]),
    [
      ['stt', 'deepgram', 'nova-3', '', 7.5, 0, 0],
      ['llm', '', 'gpt-4o', '', 40, 60, 7],
      ['connector', '', '', 'crm', 2, 0, 0],
    ],
  );
});

const components: { reason: string; stage: Parameters<typeof costComponentOf>[0]; want: string }[] = [
  { reason: 'a priced stage books to itself', stage: 'llm', want: 'llm' },
  { reason: 'telephony books to telephony', stage: 'telephony', want: 'telephony' },
  { reason: 'transfer has no price of its own', stage: 'transfer', want: 'other' },
  { reason: 'spans without a stage', stage: null, want: 'other' },
];
for (const c of components) test(`costComponentOf: ${c.reason}`, () => assert.equal(costComponentOf(c.stage), c.want));
