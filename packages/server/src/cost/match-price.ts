import type { Direction } from '@lumay/conventions';
import type { PricedComponent } from '../model/priceable-usage.js';
import type { PriceEntry, PriceLayers } from './price-book.js';

/** What a usage is priced by: the fields a price entry may name. '' = unknown. */
export interface PriceKey {
  component: PricedComponent;
  provider: string;
  model: string;
  direction: Direction;
  connector: string;
}

/** What may follow a listed model name in a variant's name: `gpt-4o` prices `gpt-4o-2024-08-06`
 * but not `gpt-4o1`, and `gpt-4` does not price `gpt-4.1`. */
const SNAPSHOT_SEPARATOR = /^[-:@/]$/;

const isWildcard = (field: string | undefined): boolean => field === undefined || field === '' || field === '*';

/** Specificity of a model match: 0 wildcard, 3.x a listed family (longer is closer), 4 exact; null = no match. */
function modelScore(listed: string | undefined, model: string): number | null {
  if (isWildcard(listed)) return 0;
  const key = (listed as string).toLowerCase();
  const name = model.toLowerCase();
  if (name === key) return 4;
  if (name.startsWith(key) && SNAPSHOT_SEPARATOR.test(name.charAt(key.length))) return 3 + key.length / 1000;
  return null;
}

function exactScore(listed: string | undefined, actual: string, weight: number): number | null {
  if (isWildcard(listed)) return 0;
  return (listed as string).toLowerCase() === actual.toLowerCase() ? weight : null;
}

/** How specifically `entry` matches `key`, or null when it names something else. */
function score(entry: PriceEntry, key: PriceKey): number | null {
  if (entry.component !== key.component) return null;
  const parts: (number | null)[] = [exactScore(entry.provider, key.provider, 2)];
  switch (entry.component) {
    case 'telephony':
      parts.push(exactScore(entry.direction, key.direction, 1));
      break;
    case 'stt':
    case 'tts':
    case 'llm':
      parts.push(modelScore(entry.model, key.model));
      break;
    case 'connector':
      parts.push(exactScore(entry.connector, key.connector, 4));
      break;
  }
  let total = 0;
  for (const part of parts) {
    if (part === null) return null;
    total += part;
  }
  return total;
}

/**
 * The price entry for a usage: the most specific match of the first layer that has any match
 * (a tenant's book overrides the plane's, which overrides the shipped defaults); within a layer a
 * later entry wins a tie. Null when no layer prices it: the usage then costs nothing.
 */
export function matchPrice(layers: PriceLayers, key: PriceKey): PriceEntry | null {
  for (const layer of layers) {
    let best: PriceEntry | null = null;
    let bestScore = -1;
    for (const entry of layer) {
      const s = score(entry, key);
      if (s !== null && s >= bestScore) {
        best = entry;
        bestScore = s;
      }
    }
    if (best) return best;
  }
  return null;
}
