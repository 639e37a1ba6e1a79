import type { PriceEntry } from './price-book.js';

/*
 * The shipped price book: public list prices (pay as you go, US, no volume discount) as the
 * vendors' pricing pages gave them on `asOf`, so a fresh plane shows plausible costs before anyone
 * configures it. They are not anybody's bill: negotiated rates, regions and plans differ and list
 * prices change. A tenant's own version (POST /api/v1/tenants/:id/price-book/versions) or the
 * plane's LUMAY_PRICES_FILE overrides any entry; a `lumay.cost.usd` stated by the engine wins
 * over every book.
 *
 * Entries without a provider are the fallback for usage whose provider is unknown or not listed.
 */

const TWILIO = { provider: 'twilio', source: 'https://www.twilio.com/en-us/voice/pricing/us', asOf: '2025-06-01' } as const;
const DEEPGRAM = { provider: 'deepgram', source: 'https://deepgram.com/pricing', asOf: '2025-06-01' } as const;
const ASSEMBLYAI = { provider: 'assemblyai', source: 'https://www.assemblyai.com/pricing', asOf: '2025-06-01' } as const;
const GOOGLE_STT = { provider: 'google', source: 'https://cloud.google.com/speech-to-text/pricing', asOf: '2025-06-01' } as const;
const GOOGLE_TTS = { provider: 'google', source: 'https://cloud.google.com/text-to-speech/pricing', asOf: '2025-06-01' } as const;
const AZURE = { provider: 'azure', source: 'https://azure.microsoft.com/pricing/details/cognitive-services/speech-services/', asOf: '2025-06-01' } as const;
const OPENAI = { source: 'https://openai.com/api/pricing/', asOf: '2025-06-01' } as const;
const ANTHROPIC = { source: 'https://www.anthropic.com/pricing#api', asOf: '2025-06-01' } as const;
const GEMINI = { source: 'https://ai.google.dev/gemini-api/docs/pricing', asOf: '2025-06-01' } as const;
const FALLBACK = { source: 'LuMay default: a typical list price of the category', asOf: '2025-06-01' } as const;

export const DEFAULT_PRICE_BOOK: readonly PriceEntry[] = Object.freeze([
  // Telephony: a US local number, per minute.
  { component: 'telephony', direction: 'inbound', perMinuteUsd: 0.0085, ...TWILIO },
  { component: 'telephony', direction: 'outbound', perMinuteUsd: 0.014, ...TWILIO },
  { component: 'telephony', direction: 'inbound', perMinuteUsd: 0.0085, ...FALLBACK },
  { component: 'telephony', direction: 'outbound', perMinuteUsd: 0.014, ...FALLBACK },

  // Speech-to-text, streaming, per audio minute.
  { component: 'stt', perAudioMinuteUsd: 0.0077, ...DEEPGRAM, model: 'nova-3' },
  { component: 'stt', perAudioMinuteUsd: 0.0058, ...DEEPGRAM, model: 'nova-2' },
  { component: 'stt', perAudioMinuteUsd: 0.0077, ...DEEPGRAM },
  { component: 'stt', perAudioMinuteUsd: 0.0025, ...ASSEMBLYAI },
  { component: 'stt', perAudioMinuteUsd: 0.016, ...GOOGLE_STT },
  { component: 'stt', perAudioMinuteUsd: 0.006, provider: 'openai', model: 'gpt-4o-transcribe', ...OPENAI },
  { component: 'stt', perAudioMinuteUsd: 0.003, provider: 'openai', model: 'gpt-4o-mini-transcribe', ...OPENAI },
  { component: 'stt', perAudioMinuteUsd: 0.006, provider: 'openai', ...OPENAI },
  { component: 'stt', perAudioMinuteUsd: 0.0077, ...FALLBACK },

  // LLMs, per million tokens, by model (any provider serving it).
  { component: 'llm', model: 'gpt-4o', inputPer1MTokensUsd: 2.5, cachedInputPer1MTokensUsd: 1.25, outputPer1MTokensUsd: 10, ...OPENAI },
  { component: 'llm', model: 'gpt-4o-mini', inputPer1MTokensUsd: 0.15, cachedInputPer1MTokensUsd: 0.075, outputPer1MTokensUsd: 0.6, ...OPENAI },
  { component: 'llm', model: 'gpt-4.1', inputPer1MTokensUsd: 2, cachedInputPer1MTokensUsd: 0.5, outputPer1MTokensUsd: 8, ...OPENAI },
  { component: 'llm', model: 'gpt-4.1-mini', inputPer1MTokensUsd: 0.4, cachedInputPer1MTokensUsd: 0.1, outputPer1MTokensUsd: 1.6, ...OPENAI },
  { component: 'llm', model: 'gpt-4.1-nano', inputPer1MTokensUsd: 0.1, cachedInputPer1MTokensUsd: 0.025, outputPer1MTokensUsd: 0.4, ...OPENAI },
  { component: 'llm', model: 'claude-3-5-haiku', inputPer1MTokensUsd: 0.8, cachedInputPer1MTokensUsd: 0.08, outputPer1MTokensUsd: 4, ...ANTHROPIC },
  { component: 'llm', model: 'claude-sonnet-4', inputPer1MTokensUsd: 3, cachedInputPer1MTokensUsd: 0.3, outputPer1MTokensUsd: 15, ...ANTHROPIC },
  { component: 'llm', model: 'gemini-2.0-flash', inputPer1MTokensUsd: 0.1, cachedInputPer1MTokensUsd: 0.025, outputPer1MTokensUsd: 0.4, ...GEMINI },
  // Models not listed (and spans without a model) are priced like a small current model.
  { component: 'llm', inputPer1MTokensUsd: 0.4, cachedInputPer1MTokensUsd: 0.1, outputPer1MTokensUsd: 1.6, ...FALLBACK },

  // Text-to-speech, per million characters.
  { component: 'tts', per1MCharactersUsd: 15, provider: 'openai', model: 'tts-1', ...OPENAI },
  { component: 'tts', per1MCharactersUsd: 30, provider: 'openai', model: 'tts-1-hd', ...OPENAI },
  { component: 'tts', per1MCharactersUsd: 16, ...GOOGLE_TTS },
  { component: 'tts', per1MCharactersUsd: 15, ...AZURE },
  { component: 'tts', per1MCharactersUsd: 30, ...DEEPGRAM },
  { component: 'tts', per1MCharactersUsd: 15, ...FALLBACK },

  // CRM and ticketing APIs are rarely billed per request; a tenant whose are sets its own.
  { component: 'connector', perCallUsd: 0, ...FALLBACK },
] satisfies PriceEntry[]);
