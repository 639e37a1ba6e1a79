import type { Stage } from '@lumay/conventions';
import type { UsageTotals } from '../model/call-session.js';
import type { CostComponent, PriceableUsage, StatedCost, UsageLine } from '../model/priceable-usage.js';

/** One span's share of a call's cost: what it consumed, or what the engine says it cost. */
export interface CostItem {
  usage: UsageTotals;
  /** `lumay.provider` / `gen_ai.provider.name`; '' when unknown. */
  provider: string;
  /** Model the span used (`gen_ai.request.model`); '' when unknown. */
  model: string;
  /** `lumay.connector.name` of a connector span. */
  connector: string;
  /** Connector calls this span made (0 or 1: each innermost connector span is one call). */
  connectorCalls: number;
  /** Where a stated cost is booked: the span's stage, `other` for spans without one. */
  component: CostComponent;
  /** `lumay.cost.usd` on the span, or null. */
  statedUsd: number | null;
  isRoot: boolean;
}

export function costComponentOf(stage: Stage | null): CostComponent {
  return stage === null || stage === 'transfer' ? 'other' : stage;
}

export function emptyPriceableUsage(): PriceableUsage {
  return { lines: [], stated: [] };
}

/**
 * Reduces a call's spans to priceable usage (docs/semantic-conventions.md, "Cost"):
 *  - each span contributes its usage, one line per kind of quantity;
 *  - a `lumay.cost.usd` stated on a span replaces that span's whole usage and is booked to the
 *    span's stage (`other` without one);
 *  - a cost stated on the root while no other span states one is the call's total as the engine
 *    bills it: it replaces everything, booked to `other`, since its split is unknown.
 * Following the GenAI conventions `input_tokens` includes the cache-read tokens; a span whose
 * cached count exceeds its input count comes from an engine that reports them apart (Anthropic's
 * API does), and then both are taken as given.
 */
export function priceableUsageOf(items: readonly CostItem[]): PriceableUsage {
  const rootStated = items.find((item) => item.isRoot && item.statedUsd !== null);
  const othersStated = items.some((item) => !item.isRoot && item.statedUsd !== null);
  if (rootStated?.statedUsd != null && !othersStated) return { lines: [], stated: [{ component: 'other', usd: rootStated.statedUsd }] };

  const lines = new Map<string, UsageLine>();
  const add = (component: UsageLine['component'], item: CostItem, quantity: number, cached = 0, output = 0): void => {
    if (quantity === 0 && cached === 0 && output === 0) return;
    const connector = component === 'connector' ? item.connector : '';
    const model = component === 'connector' || component === 'telephony' ? '' : item.model;
    const key = `${component}\u0000${item.provider}\u0000${model}\u0000${connector}`;
    let line = lines.get(key);
    if (!line) {
      line = { component, provider: item.provider, model, connector, quantity: 0, cachedInputTokens: 0, outputTokens: 0 };
      lines.set(key, line);
    }
    line.quantity += quantity;
    line.cachedInputTokens += cached;
    line.outputTokens += output;
  };
  const stated: StatedCost[] = [];
  for (const item of items) {
    if (item.statedUsd !== null) {
      stated.push({ component: item.component, usd: item.statedUsd });
      continue;
    }
    const u = item.usage;
    add('telephony', item, u.telephonySeconds);
    add('stt', item, u.sttAudioSeconds);
    const uncached = u.cachedInputTokens > u.inputTokens ? u.inputTokens : u.inputTokens - u.cachedInputTokens;
    add('llm', item, uncached, u.cachedInputTokens, u.outputTokens);
    add('tts', item, u.ttsCharacters);
    add('connector', item, item.connectorCalls);
  }
  return { lines: [...lines.values()], stated };
}
