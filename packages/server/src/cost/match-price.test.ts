import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LlmPrice, PriceEntry, PriceLayers } from './price-book.js';
import { matchPrice, type PriceKey } from './match-price.js';

const llm = (model: string | undefined, input: number): LlmPrice => ({ component: 'llm', model, inputPer1MTokensUsd: input, outputPer1MTokensUsd: input * 4 });
const book: PriceEntry[] = [
  llm(undefined, 1),
  llm('gpt-4o', 2.5),
  llm('gpt-4o-mini', 0.15),
  llm('gpt-4', 30),
  llm('Claude-Sonnet-4', 3),
  { component: 'telephony', perMinuteUsd: 0.02 },
  { component: 'telephony', direction: 'inbound', perMinuteUsd: 0.01 },
  { component: 'telephony', provider: 'twilio', direction: 'outbound', perMinuteUsd: 0.014 },
  { component: 'stt', perAudioMinuteUsd: 0.01 },
  { component: 'stt', provider: 'deepgram', perAudioMinuteUsd: 0.0077 },
  { component: 'stt', provider: 'deepgram', model: 'nova-2', perAudioMinuteUsd: 0.0058 },
  { component: 'connector', perCallUsd: 0 },
  { component: 'connector', connector: 'salesforce', perCallUsd: 0.002 },
];

const key = (k: Partial<PriceKey> & Pick<PriceKey, 'component'>): PriceKey => ({ provider: '', model: '', direction: 'inbound', connector: '', ...k });
const priceOf = (entry: PriceEntry | null): number | null => {
  if (!entry) return null;
  switch (entry.component) {
    case 'llm':
      return entry.inputPer1MTokensUsd;
    case 'telephony':
      return entry.perMinuteUsd;
    case 'stt':
      return entry.perAudioMinuteUsd;
    case 'tts':
      return entry.per1MCharactersUsd;
    case 'connector':
      return entry.perCallUsd;
  }
};

const cases: { reason: string; key: PriceKey; want: number | null; layers?: PriceLayers }[] = [
  { reason: 'exact model', key: key({ component: 'llm', model: 'gpt-4o' }), want: 2.5 },
  { reason: 'model in another case', key: key({ component: 'llm', model: 'claude-sonnet-4' }), want: 3 },
  { reason: 'dated snapshot priced as its family', key: key({ component: 'llm', model: 'gpt-4o-2024-08-06' }), want: 2.5 },
  { reason: 'the longest matching family wins', key: key({ component: 'llm', model: 'gpt-4o-mini-2024-07-18' }), want: 0.15 },
  { reason: 'a prefix without a separator is another model', key: key({ component: 'llm', model: 'gpt-4o1' }), want: 1 },
  { reason: 'gpt-4 does not price gpt-4.1', key: key({ component: 'llm', model: 'gpt-4.1' }), want: 1 },
  { reason: 'unknown model → the entry without a model', key: key({ component: 'llm', model: 'mistral-large' }), want: 1 },
  { reason: 'a model named like an Object.prototype key', key: key({ component: 'llm', model: 'constructor' }), want: 1 },
  { reason: 'telephony by direction', key: key({ component: 'telephony', direction: 'inbound' }), want: 0.01 },
  { reason: 'telephony: provider and direction beat direction alone', key: key({ component: 'telephony', provider: 'Twilio', direction: 'outbound' }), want: 0.014 },
  { reason: 'telephony: unknown provider outbound → the catch-all', key: key({ component: 'telephony', provider: 'telnyx', direction: 'outbound' }), want: 0.02 },
  { reason: 'stt: provider and model', key: key({ component: 'stt', provider: 'deepgram', model: 'nova-2' }), want: 0.0058 },
  { reason: 'stt: provider with an unlisted model', key: key({ component: 'stt', provider: 'deepgram', model: 'nova-3' }), want: 0.0077 },
  { reason: 'stt: a listed model under another provider is not it', key: key({ component: 'stt', provider: 'acme', model: 'nova-2' }), want: 0.01 },
  { reason: 'connector by name', key: key({ component: 'connector', connector: 'salesforce' }), want: 0.002 },
  { reason: 'other connectors → the catch-all', key: key({ component: 'connector', connector: 'zendesk' }), want: 0 },
  { reason: 'a component nobody prices', key: key({ component: 'tts' }), want: null },
  {
    reason: 'the first layer with a match wins, even when a lower layer is more specific',
    key: key({ component: 'llm', model: 'gpt-4o' }),
    layers: [[llm(undefined, 9)], book],
    want: 9,
  },
  {
    reason: 'a layer without a match falls through to the next',
    key: key({ component: 'stt', provider: 'deepgram' }),
    layers: [[llm(undefined, 9)], book],
    want: 0.0077,
  },
  {
    reason: 'within a layer, a later entry wins a tie (an appended correction)',
    key: key({ component: 'llm', model: 'gpt-4o' }),
    layers: [[llm('gpt-4o', 2.5), llm('gpt-4o', 2)]],
    want: 2,
  },
  { reason: "'*' is a wildcard", key: key({ component: 'llm', model: 'x' }), layers: [[{ ...llm('*', 7), provider: '*' }]], want: 7 },
];

for (const c of cases) {
  test(`matchPrice: ${c.reason}`, () => assert.equal(priceOf(matchPrice(c.layers ?? [book], c.key)), c.want));
}
