import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UsageTotals } from '../model/call-session.js';
import { DEFAULT_PRICE_BOOK } from './default-price-book.js';
import { parsePriceEntries } from './parse-price-entries.js';
import { priceableUsageOf } from './priceable-usage.js';
import { priceUsage } from './price-usage.js';
import { matchPrice } from './match-price.js';
import { PRICED_COMPONENTS } from '../model/priceable-usage.js';

test('the default book passes the same validation as a tenant’s, and every entry names its source and date', () => {
  assert.equal(parsePriceEntries(DEFAULT_PRICE_BOOK).length, DEFAULT_PRICE_BOOK.length);
  for (const entry of DEFAULT_PRICE_BOOK) {
    assert.ok(entry.source, JSON.stringify(entry));
    assert.match(entry.asOf ?? '', /^\d{4}-\d{2}-\d{2}$/);
  }
});

test('the default book prices every component for any provider and model', () => {
  for (const component of PRICED_COMPONENTS) {
    for (const direction of ['inbound', 'outbound'] as const) {
      const entry = matchPrice([DEFAULT_PRICE_BOOK], { component, provider: 'unheard-of', model: 'unheard-of', direction, connector: 'x' });
      assert.ok(entry, `${component} ${direction}`);
    }
  }
});

test('the default book: a cache hit is never dearer than a fresh input token', () => {
  for (const entry of DEFAULT_PRICE_BOOK) {
    if (entry.component !== 'llm') continue;
    assert.ok((entry.cachedInputPer1MTokensUsd ?? entry.inputPer1MTokensUsd) <= entry.inputPer1MTokensUsd, entry.model);
  }
});

test('the default book: a typical 3-minute call costs cents, not dollars', () => {
  const usage: UsageTotals = { telephonySeconds: 180, sttAudioSeconds: 90, inputTokens: 30_000, cachedInputTokens: 20_000, outputTokens: 1_500, ttsCharacters: 1_800 };
  const item = { usage, provider: '', model: 'gpt-4o-mini', connector: 'crm', connectorCalls: 2, component: 'other' as const, statedUsd: null, isRoot: true };
  const cost = priceUsage(priceableUsageOf([item]), [DEFAULT_PRICE_BOOK], 'inbound');
  assert.ok(cost.total > 0.02 && cost.total < 0.2, `total ${cost.total}`);
});
