import { DIRECTIONS, isOneOf } from '@lumay/conventions';
import { PlaneError } from '../errors/plane-error.js';
import { PRICED_COMPONENTS, type PricedComponent } from '../model/priceable-usage.js';
import type { PriceEntry } from './price-book.js';

/** The price field(s) each component requires, and the optional ones it accepts. */
const FIELDS: Record<PricedComponent, { prices: string[]; optionalPrices: string[]; match: string[] }> = {
  telephony: { prices: ['perMinuteUsd'], optionalPrices: [], match: ['provider', 'direction'] },
  stt: { prices: ['perAudioMinuteUsd'], optionalPrices: [], match: ['provider', 'model'] },
  llm: { prices: ['inputPer1MTokensUsd', 'outputPer1MTokensUsd'], optionalPrices: ['cachedInputPer1MTokensUsd'], match: ['provider', 'model'] },
  tts: { prices: ['per1MCharactersUsd'], optionalPrices: [], match: ['provider', 'model'] },
  connector: { prices: ['perCallUsd'], optionalPrices: [], match: ['provider', 'connector'] },
};
const NOTES = ['source', 'asOf'];
const MAX_ENTRIES = 2000;
const MAX_TEXT = 300;

function fail(path: string, message: string): never {
  throw PlaneError.badRequest(`${path}: ${message}`);
}

/**
 * A price book's entries from untrusted JSON, or a 400 naming the first bad field and how to fix
 * it. Unknown fields are refused so that a typo (`perMinuteUSD`) is not silently a free call.
 */
export function parsePriceEntries(value: unknown, path = 'entries'): PriceEntry[] {
  if (!Array.isArray(value)) fail(path, 'expected an array of price entries');
  if (value.length > MAX_ENTRIES) fail(path, `at most ${MAX_ENTRIES} entries, got ${value.length}`);
  return value.map((raw: unknown, i) => parseEntry(raw, `${path}[${i}]`));
}

function parseEntry(raw: unknown, path: string): PriceEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(path, 'expected an object');
  const entry = raw as Record<string, unknown>;
  const component = entry.component;
  if (!isOneOf(PRICED_COMPONENTS, component)) fail(`${path}.component`, `must be one of ${PRICED_COMPONENTS.join(', ')}`);
  const fields = FIELDS[component];
  const known = new Set(['component', ...fields.prices, ...fields.optionalPrices, ...fields.match, ...NOTES]);
  for (const key of Object.keys(entry)) {
    if (!known.has(key)) fail(`${path}.${key}`, `unknown field for a ${component} price; known: ${[...known].join(', ')}`);
  }
  for (const key of fields.prices) {
    if (entry[key] === undefined) fail(`${path}.${key}`, `required for a ${component} price (US dollars)`);
  }
  for (const key of [...fields.prices, ...fields.optionalPrices]) {
    const price = entry[key];
    if (price === undefined) continue;
    if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) fail(`${path}.${key}`, 'must be a non-negative number (US dollars)');
  }
  for (const key of [...fields.match, ...NOTES]) {
    const text = entry[key];
    if (text === undefined) continue;
    if (typeof text !== 'string' || text.length > MAX_TEXT) fail(`${path}.${key}`, `must be a string of at most ${MAX_TEXT} characters`);
  }
  if (entry.direction !== undefined && entry.direction !== '*' && !isOneOf(DIRECTIONS, entry.direction)) {
    fail(`${path}.direction`, `must be one of ${DIRECTIONS.join(', ')} (or left out for both)`);
  }
  if (typeof entry.asOf === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(entry.asOf)) fail(`${path}.asOf`, 'must be a date, YYYY-MM-DD');
  return { ...entry } as unknown as PriceEntry;
}
