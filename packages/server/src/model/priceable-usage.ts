/** What a price book prices: the components of a call's cost that have list prices. */
export const PRICED_COMPONENTS = ['telephony', 'stt', 'llm', 'tts', 'connector'] as const;
export type PricedComponent = (typeof PRICED_COMPONENTS)[number];
export type CostComponent = PricedComponent | 'other';

/**
 * A call's usage reduced to what a price book prices: one line per (component, provider, model,
 * connector), plus the costs engines stated themselves. Stored with the session, so a price
 * change with a past effective date re-prices stored calls without their raw spans.
 */
export interface UsageLine {
  component: PricedComponent;
  provider: string;
  model: string;
  connector: string;
  /** telephony and stt: seconds; tts: characters; connector: calls; llm: input tokens not read from cache. */
  quantity: number;
  /** llm only. */
  cachedInputTokens: number;
  /** llm only. */
  outputTokens: number;
}

export interface StatedCost {
  component: CostComponent;
  usd: number;
}

export interface PriceableUsage {
  lines: UsageLine[];
  stated: StatedCost[];
}

