import type { Stage } from '@lumay/conventions';
import type { CostBreakdown, UsageTotals } from '../model/call-session.js';
import { llmPriceFor } from './llm-price-for.js';
import type { PriceTable } from './price-table.js';

export type CostComponent = 'telephony' | 'stt' | 'llm' | 'tts' | 'connector' | 'other';
type PricedComponent = Exclude<CostComponent, 'other'>;

/** One span's share of a call's cost: what it consumed, or what the engine says it cost. */
export interface CostItem {
  usage: UsageTotals;
  /** Model the LLM tokens were spent on; '' when unknown (priced as `default`). */
  model: string;
  /** Connector calls this span made (0 or 1: each innermost connector span is one call). */
  connectorCalls: number;
  /** Where a stated cost is booked: the span's stage, `other` for spans without one. */
  component: CostComponent;
  /** `lumay.cost.usd` on the span, or null. */
  statedUsd: number | null;
  isRoot: boolean;
}

const MICRO = 1_000_000;

/** Dollars kept to the micro-dollar: float sums of many small prices would otherwise show noise
 * such as 0.30000000000000004 in exported totals. */
export function roundUsd(usd: number): number {
  return Math.round(usd * MICRO) / MICRO;
}

/** A price from the table; a missing or non-numeric one (a hand-edited prices file) prices nothing
 * rather than turning every total into NaN. */
function rate(price: unknown): number {
  return typeof price === 'number' && Number.isFinite(price) ? price : 0;
}

export function costComponentOf(stage: Stage | null): CostComponent {
  return stage === null || stage === 'transfer' ? 'other' : stage;
}

/**
 * Cost of a usage at list prices, per component. Token prices are per million; following the
 * GenAI conventions `input_tokens` includes the cache-read tokens, which are priced at the cached
 * rate. A span whose cached count exceeds its input count comes from an engine that reports them
 * apart (Anthropic's API does), and then both are priced as given.
 */
export function priceUsage(usage: UsageTotals, model: string, connectorCalls: number, prices: PriceTable): Record<PricedComponent, number> {
  let llm = 0;
  const llmPrice = llmPriceFor(prices, model);
  if (llmPrice) {
    const cached = usage.cachedInputTokens;
    const uncached = cached > usage.inputTokens ? usage.inputTokens : usage.inputTokens - cached;
    const inputRate = rate(llmPrice.inputPer1MTokensUsd);
    const cachedRate = llmPrice.cachedInputPer1MTokensUsd === undefined ? inputRate : rate(llmPrice.cachedInputPer1MTokensUsd);
    llm = (uncached * inputRate + cached * cachedRate + usage.outputTokens * rate(llmPrice.outputPer1MTokensUsd)) / MICRO;
  }
  return {
    telephony: (usage.telephonySeconds / 60) * rate(prices.telephonyPerMinuteUsd),
    stt: (usage.sttAudioSeconds / 60) * rate(prices.sttPerAudioMinuteUsd),
    llm,
    tts: (usage.ttsCharacters / MICRO) * rate(prices.ttsPer1MCharactersUsd),
    connector: connectorCalls * rate(prices.connectorCallUsd),
  };
}

/**
 * A call's cost by component (docs/semantic-conventions.md, "Cost").
 *  - Each span contributes the price of its usage, per component.
 *  - A `lumay.cost.usd` stated on a span replaces that span's whole computed contribution and is
 *    booked to the span's stage (`other` without one).
 *  - A cost stated on the root while no other span states one is the call's total as the engine
 *    bills it: it replaces everything computed and is booked to `other`, since its split is unknown.
 *    When other spans state costs too, the root's cost is the root span's own contribution.
 * Every component is rounded to the micro-dollar and `total` is their sum.
 */
export function computeCost(items: readonly CostItem[], prices: PriceTable): CostBreakdown {
  const sums: Record<CostComponent, number> = { telephony: 0, stt: 0, llm: 0, tts: 0, connector: 0, other: 0 };
  const rootStated = items.find((item) => item.isRoot && item.statedUsd !== null);
  const othersStated = items.some((item) => !item.isRoot && item.statedUsd !== null);

  if (rootStated?.statedUsd != null && !othersStated) {
    sums.other = rootStated.statedUsd;
  } else {
    for (const item of items) {
      if (item.statedUsd !== null) {
        sums[item.component] += item.statedUsd;
        continue;
      }
      const priced = priceUsage(item.usage, item.model, item.connectorCalls, prices);
      for (const component of Object.keys(priced) as PricedComponent[]) sums[component] += priced[component];
    }
  }

  const breakdown: CostBreakdown = {
    telephony: roundUsd(sums.telephony),
    stt: roundUsd(sums.stt),
    llm: roundUsd(sums.llm),
    tts: roundUsd(sums.tts),
    connector: roundUsd(sums.connector),
    other: roundUsd(sums.other),
    total: 0,
    stated: rootStated !== undefined || othersStated,
  };
  breakdown.total = roundUsd(
    breakdown.telephony + breakdown.stt + breakdown.llm + breakdown.tts + breakdown.connector + breakdown.other,
  );
  return breakdown;
}
