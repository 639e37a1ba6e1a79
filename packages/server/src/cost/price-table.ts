/** Prices in US dollars that turn usage into cost. A `lumay.cost.usd` stated on a span wins. */
export interface LlmPrice {
  inputPer1MTokensUsd: number;
  outputPer1MTokensUsd: number;
  /** Price of cache-read input tokens; defaults to the input price when absent. */
  cachedInputPer1MTokensUsd?: number;
}

export interface PriceTable {
  telephonyPerMinuteUsd: number;
  sttPerAudioMinuteUsd: number;
  /** By model name (`gen_ai.request.model`); `default` applies to models not listed. */
  llm: Record<string, LlmPrice>;
  ttsPer1MCharactersUsd: number;
  connectorCallUsd: number;
}
