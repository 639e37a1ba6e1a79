import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlaneError } from '../errors/plane-error.js';
import { parsePriceEntries } from './parse-price-entries.js';

const bad: { reason: string; input: unknown; message: RegExp }[] = [
  { reason: 'not an array', input: { component: 'llm' }, message: /^entries: expected an array/ },
  { reason: 'an entry that is not an object', input: [1], message: /^entries\[0\]: expected an object/ },
  { reason: 'an unknown component', input: [{ component: 'sms', perCallUsd: 1 }], message: /entries\[0\]\.component: must be one of telephony, stt, llm, tts, connector/ },
  { reason: 'a missing price', input: [{ component: 'telephony' }], message: /entries\[0\]\.perMinuteUsd: required/ },
  { reason: 'a negative price', input: [{ component: 'stt', perAudioMinuteUsd: -1 }], message: /perAudioMinuteUsd: must be a non-negative number/ },
  { reason: 'a price as a string', input: [{ component: 'tts', per1MCharactersUsd: '15' }], message: /per1MCharactersUsd: must be a non-negative number/ },
  { reason: 'a typo in a field name is refused, not ignored', input: [{ component: 'telephony', perMinuteUSD: 0.01, perMinuteUsd: 0 }], message: /entries\[0\]\.perMinuteUSD: unknown field/ },
  { reason: 'a field of another component', input: [{ component: 'telephony', perMinuteUsd: 0.01, model: 'x' }], message: /entries\[0\]\.model: unknown field/ },
  { reason: 'an unknown direction', input: [{ component: 'telephony', perMinuteUsd: 0.01, direction: 'sideways' }], message: /direction: must be one of inbound, outbound/ },
  { reason: 'a bad date', input: [{ component: 'connector', perCallUsd: 0, asOf: 'June' }], message: /asOf: must be a date/ },
  { reason: 'a non-string provider', input: [{ component: 'stt', perAudioMinuteUsd: 0, provider: 7 }], message: /provider: must be a string/ },
  { reason: 'the second entry is named', input: [{ component: 'connector', perCallUsd: 0 }, { component: 'llm', inputPer1MTokensUsd: 1 }], message: /^entries\[1\]\.outputPer1MTokensUsd: required/ },
];

for (const c of bad) {
  test(`parsePriceEntries refuses ${c.reason} with a 400 naming the field`, () => {
    assert.throws(
      () => parsePriceEntries(c.input),
      (error: unknown) => error instanceof PlaneError && error.statusCode === 400 && c.message.test(error.message),
    );
  });
}

test('parsePriceEntries keeps a valid book as given', () => {
  const book = [
    { component: 'telephony', provider: 'twilio', direction: 'outbound', perMinuteUsd: 0.014, source: 'contract 2026-07', asOf: '2026-07-01' },
    { component: 'llm', model: 'gpt-4o', inputPer1MTokensUsd: 2.5, cachedInputPer1MTokensUsd: 1.25, outputPer1MTokensUsd: 10 },
    { component: 'connector', connector: 'salesforce', perCallUsd: 0.002 },
  ];
  assert.deepEqual(parsePriceEntries(book), book);
});
