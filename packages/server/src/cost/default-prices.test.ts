import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UsageTotals } from '../model/call-session.js';
import { computeCost } from './compute-cost.js';
import { defaultPriceTable } from './default-prices.js';

test('defaultPriceTable: every price is a finite, non-negative number', () => {
  const { llm, ...flat } = defaultPriceTable;
  for (const [key, value] of Object.entries(flat)) assert.ok(Number.isFinite(value) && value >= 0, key);
  for (const [model, price] of Object.entries(llm)) {
    for (const [key, value] of Object.entries(price)) assert.ok(Number.isFinite(value) && value >= 0, `${model}.${key}`);
    // A cache hit is never dearer than a fresh input token at list prices.
    assert.ok((price.cachedInputPer1MTokensUsd ?? price.inputPer1MTokensUsd) <= price.inputPer1MTokensUsd, model);
  }
});

test('defaultPriceTable: has a default LLM price, so any model is priced', () => {
  assert.ok(defaultPriceTable.llm.default);
});

test('defaultPriceTable: a typical 3-minute call costs cents, not dollars', () => {
  const usage: UsageTotals = { telephonySeconds: 180, sttAudioSeconds: 90, inputTokens: 30_000, cachedInputTokens: 20_000, outputTokens: 1_500, ttsCharacters: 1_800 };
  const cost = computeCost([{ usage, model: 'gpt-4o-mini', connectorCalls: 2, component: 'other', statedUsd: null, isRoot: true }], defaultPriceTable);
  assert.ok(cost.total > 0.02 && cost.total < 0.2, `total ${cost.total}`);
});
