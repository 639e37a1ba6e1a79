import type { PriceTable } from './price-table.js';

/**
 * Example defaults in US dollars, close to public list prices of 2025, so that a fresh plane shows
 * plausible costs before anyone configures it. They are not anybody's bill: negotiated rates,
 * regions and plans differ. Override any key with LUMAY_PRICES_FILE (docs/configuration.md), or
 * have the engine state `lumay.cost.usd`, which always wins.
 */
export const defaultPriceTable: PriceTable = Object.freeze({
  /** A US local number, outbound per minute (inbound is usually cheaper). */
  telephonyPerMinuteUsd: 0.014,
  /** Streaming speech-to-text, pay as you go. */
  sttPerAudioMinuteUsd: 0.0077,
  llm: Object.freeze({
    /** Models not listed (and spans without a model) are priced like a small current model. */
    default: { inputPer1MTokensUsd: 0.4, cachedInputPer1MTokensUsd: 0.1, outputPer1MTokensUsd: 1.6 },
    'gpt-4o': { inputPer1MTokensUsd: 2.5, cachedInputPer1MTokensUsd: 1.25, outputPer1MTokensUsd: 10 },
    'gpt-4o-mini': { inputPer1MTokensUsd: 0.15, cachedInputPer1MTokensUsd: 0.075, outputPer1MTokensUsd: 0.6 },
    'gpt-4.1': { inputPer1MTokensUsd: 2, cachedInputPer1MTokensUsd: 0.5, outputPer1MTokensUsd: 8 },
    'gpt-4.1-mini': { inputPer1MTokensUsd: 0.4, cachedInputPer1MTokensUsd: 0.1, outputPer1MTokensUsd: 1.6 },
    'gpt-4.1-nano': { inputPer1MTokensUsd: 0.1, cachedInputPer1MTokensUsd: 0.025, outputPer1MTokensUsd: 0.4 },
    'claude-3-5-haiku': { inputPer1MTokensUsd: 0.8, cachedInputPer1MTokensUsd: 0.08, outputPer1MTokensUsd: 4 },
    'claude-sonnet-4': { inputPer1MTokensUsd: 3, cachedInputPer1MTokensUsd: 0.3, outputPer1MTokensUsd: 15 },
    'gemini-2.0-flash': { inputPer1MTokensUsd: 0.1, cachedInputPer1MTokensUsd: 0.025, outputPer1MTokensUsd: 0.4 },
  }),
  /** Neural text-to-speech per million characters. */
  ttsPer1MCharactersUsd: 15,
  /** CRM and ticketing APIs are rarely billed per request; set this when yours is. */
  connectorCallUsd: 0,
});
