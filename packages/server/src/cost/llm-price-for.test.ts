import { test } from 'node:test';
import assert from 'node:assert/strict';
import { llmPriceFor } from './llm-price-for.js';
import type { LlmPrice, PriceTable } from './price-table.js';

const p = (input: number): LlmPrice => ({ inputPer1MTokensUsd: input, outputPer1MTokensUsd: input * 4 });
const table: PriceTable = {
  telephonyPerMinuteUsd: 0,
  sttPerAudioMinuteUsd: 0,
  ttsPer1MCharactersUsd: 0,
  connectorCallUsd: 0,
  llm: { default: p(1), 'gpt-4o': p(2.5), 'gpt-4o-mini': p(0.15), 'gpt-4': p(30), 'Claude-Sonnet-4': p(3) },
};

const cases: { reason: string; model: string; want: number | null; prices?: PriceTable }[] = [
  { reason: 'exact key', model: 'gpt-4o', want: 2.5 },
  { reason: 'key in another case', model: 'claude-sonnet-4', want: 3 },
  { reason: 'dated snapshot priced as its family', model: 'gpt-4o-2024-08-06', want: 2.5 },
  { reason: 'the longest matching key wins', model: 'gpt-4o-mini-2024-07-18', want: 0.15 },
  { reason: 'a prefix without a separator is another model', model: 'gpt-4o1', want: 1 },
  { reason: 'gpt-4 does not price gpt-4.1', model: 'gpt-4.1', want: 1 },
  { reason: 'unknown model → default', model: 'mistral-large', want: 1 },
  { reason: 'no model → default', model: '', want: 1 },
  { reason: 'a model named like an Object.prototype key is not found there', model: 'constructor', want: 1 },
  { reason: 'unknown model and no default → not priced', model: 'mistral-large', want: null, prices: { ...table, llm: { 'gpt-4o': p(2.5) } } },
];

for (const c of cases) {
  test(`llmPriceFor: ${c.reason}`, () => {
    assert.equal(llmPriceFor(c.prices ?? table, c.model)?.inputPer1MTokensUsd ?? null, c.want);
  });
}
