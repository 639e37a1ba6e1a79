import type { RandomSource } from './random-source.js';
import { sleepScaled } from './simulated-time.js';

export interface Synthesis {
  characters: number;
  ttfbSeconds: number;
}

/**
 * A text-to-speech stand-in (Cartesia-like): first audio byte after ~90 ms, then synthesis time
 * that grows with the text (streamed audio plays while the rest is generated).
 */
export class SimulatedTts {
  readonly provider = 'cartesia';

  constructor(private readonly timeScale: number) {}

  /** How long the reply plays to the caller (~14 characters a second), after its first audio. */
  playbackSeconds(text: string): number {
    return text.length / 14;
  }

  async synthesize(text: string, random: RandomSource): Promise<Synthesis> {
    const ttfbMillis = random.logNormal(90, 0.3);
    const generationMillis = text.length * random.logNormal(1.6, 0.2);
    await sleepScaled(ttfbMillis + generationMillis, this.timeScale);
    return { characters: text.length, ttfbSeconds: (ttfbMillis * this.timeScale) / 1000 };
  }
}
