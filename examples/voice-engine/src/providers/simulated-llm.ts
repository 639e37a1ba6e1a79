import type { RandomSource } from './random-source.js';
import { sleepScaled } from './simulated-time.js';

export interface Completion {
  text: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  ttfbSeconds: number;
}

/** The model provider failed (overloaded, timed out): a technical failure of the call. */
export class LlmUnavailableError extends Error {
  override readonly name = 'LlmUnavailableError';
  readonly code = 'provider_overloaded';
}

const SYSTEM_PROMPT_TOKENS = 1180;
/** OpenAI caches prompt prefixes in blocks; from the second request on, the system prompt is served from cache. */
const CACHE_BLOCK_TOKENS = 1024;

/**
 * A chat-model stand-in (gpt-4o-mini-like). Prompt = system prompt + the conversation so far;
 * first token after ~350 ms, then ~70 tokens a second. The reply text comes from the scenario's
 * script: the simulation is of the provider's timing and usage, not of its reasoning.
 */
export class SimulatedLlm {
  readonly provider = 'openai';
  readonly model = 'gpt-4o-mini';

  constructor(
    private readonly timeScale: number,
    private readonly failureRate: number,
  ) {}

  /** `historyTokens`: tokens of the conversation so far; `request`: how many requests this call made before. */
  async complete(reply: string, historyTokens: number, request: number, random: RandomSource): Promise<Completion> {
    const inputTokens = SYSTEM_PROMPT_TOKENS + historyTokens + random.integer(10, 40);
    const outputTokens = Math.max(3, Math.round(reply.length / 4) + random.integer(0, 6));
    const ttfbMillis = random.logNormal(350, 0.4);
    const streamMillis = (outputTokens / random.logNormal(70, 0.2)) * 1000;
    if (random.chance(this.failureRate)) {
      // Overloaded providers fail slowly: the request waits, then errors.
      await sleepScaled(ttfbMillis * 3, this.timeScale);
      throw new LlmUnavailableError('the model provider answered 529 overloaded');
    }
    await sleepScaled(ttfbMillis + streamMillis, this.timeScale);
    return {
      text: reply,
      inputTokens,
      cachedInputTokens: request > 0 ? CACHE_BLOCK_TOKENS : 0,
      outputTokens,
      ttfbSeconds: (ttfbMillis * this.timeScale) / 1000,
    };
  }
}
