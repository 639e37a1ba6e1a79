import type { Direction } from '@lumay/conventions';

/*
 * A price book: list prices that turn a call's usage into cost, one entry per priced thing.
 * Matching fields left out (or '*') match anything; the most specific matching entry wins
 * (match-price.ts). Every entry may say where its figure comes from (`source`, `asOf`), so a
 * number in a cost report can be traced back to a vendor's page or a contract.
 */

interface EntryBase {
  /** Vendor as engines name it in `lumay.provider` / `gen_ai.provider.name` (`twilio`, `deepgram`, `openai`). */
  provider?: string;
  /** Where the price comes from: a URL or a contract reference. */
  source?: string;
  /** The date the source was read (YYYY-MM-DD). */
  asOf?: string;
}

export interface TelephonyPrice extends EntryBase {
  component: 'telephony';
  direction?: Direction;
  perMinuteUsd: number;
}

export interface SttPrice extends EntryBase {
  component: 'stt';
  model?: string;
  perAudioMinuteUsd: number;
}

export interface LlmPrice extends EntryBase {
  component: 'llm';
  /** `gen_ai.request.model`; a listed name also prices its dated snapshots (`gpt-4o-2024-08-06`). */
  model?: string;
  inputPer1MTokensUsd: number;
  /** Cache-read input tokens; the input price when absent. */
  cachedInputPer1MTokensUsd?: number;
  outputPer1MTokensUsd: number;
}

export interface TtsPrice extends EntryBase {
  component: 'tts';
  model?: string;
  per1MCharactersUsd: number;
}

export interface ConnectorPrice extends EntryBase {
  component: 'connector';
  /** `lumay.connector.name` (`crm`, `zendesk`). */
  connector?: string;
  perCallUsd: number;
}

export type PriceEntry = TelephonyPrice | SttPrice | LlmPrice | TtsPrice | ConnectorPrice;

/**
 * Price books stacked by precedence, first wins: a tenant's version in effect, then the plane's
 * own file (LUMAY_PRICES_FILE), then the shipped defaults. A usage is priced by the first layer
 * holding any entry that matches it; a layer need not be complete.
 */
export type PriceLayers = readonly (readonly PriceEntry[])[];

/** One version of a tenant's price book: applies to calls that start at or after `effectiveFromUs`
 * until the next version's date. */
export interface PriceBookVersion {
  tenantId: string;
  effectiveFromUs: number;
  entries: PriceEntry[];
  note: string;
  createdAtUs: number;
}
