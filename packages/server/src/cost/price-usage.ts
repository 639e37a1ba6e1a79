import type { Direction } from '@lumay/conventions';
import type { CostBreakdown } from '../model/call-session.js';
import { matchPrice } from './match-price.js';
import type { PriceEntry, PriceLayers } from './price-book.js';
import type { CostComponent, PriceableUsage, UsageLine } from '../model/priceable-usage.js';

const MICRO = 1_000_000;

/** Dollars kept to the micro-dollar: float sums of many small prices would otherwise show noise
 * such as 0.30000000000000004 in exported totals. */
export function roundUsd(usd: number): number {
  return Math.round(usd * MICRO) / MICRO;
}

/** A price as stored; a missing or non-numeric one (a hand-edited file) prices nothing rather
 * than turning every total into NaN. */
function rate(price: unknown): number {
  return typeof price === 'number' && Number.isFinite(price) ? price : 0;
}

/** The cost of one usage line at one entry's prices. Token prices are per million. */
export function priceLine(line: UsageLine, entry: PriceEntry): number {
  switch (entry.component) {
    case 'telephony':
      return (line.quantity / 60) * rate(entry.perMinuteUsd);
    case 'stt':
      return (line.quantity / 60) * rate(entry.perAudioMinuteUsd);
    case 'tts':
      return (line.quantity / MICRO) * rate(entry.per1MCharactersUsd);
    case 'connector':
      return line.quantity * rate(entry.perCallUsd);
    case 'llm': {
      const input = rate(entry.inputPer1MTokensUsd);
      const cached = entry.cachedInputPer1MTokensUsd === undefined ? input : rate(entry.cachedInputPer1MTokensUsd);
      return (line.quantity * input + line.cachedInputTokens * cached + line.outputTokens * rate(entry.outputPer1MTokensUsd)) / MICRO;
    }
  }
}

/**
 * A call's cost by component: each usage line at the price the layers give it (match-price.ts),
 * plus the costs the engine stated. Every component is rounded to the micro-dollar and `total`
 * is their sum.
 */
export function priceUsage(usage: PriceableUsage, layers: PriceLayers, direction: Direction): CostBreakdown {
  const sums: Record<CostComponent, number> = { telephony: 0, stt: 0, llm: 0, tts: 0, connector: 0, other: 0 };
  for (const line of usage.lines) {
    const entry = matchPrice(layers, { ...line, direction });
    if (entry) sums[line.component] += priceLine(line, entry);
  }
  for (const stated of usage.stated) sums[stated.component] += stated.usd;
  const breakdown: CostBreakdown = {
    telephony: roundUsd(sums.telephony),
    stt: roundUsd(sums.stt),
    llm: roundUsd(sums.llm),
    tts: roundUsd(sums.tts),
    connector: roundUsd(sums.connector),
    other: roundUsd(sums.other),
    total: 0,
    stated: usage.stated.length > 0,
  };
  breakdown.total = roundUsd(breakdown.telephony + breakdown.stt + breakdown.llm + breakdown.tts + breakdown.connector + breakdown.other);
  return breakdown;
}
