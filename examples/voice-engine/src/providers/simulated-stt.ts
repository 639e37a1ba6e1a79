import type { RandomSource } from './random-source.js';
import { sleepScaled } from './simulated-time.js';

export interface Transcription {
  text: string;
  /** Audio transcribed, seconds (what an STT vendor bills). */
  audioSeconds: number;
  /** Time to the first partial result, seconds of real (scaled) time. */
  ttfbSeconds: number;
}

/**
 * A streaming speech-to-text stand-in (Deepgram-like). The caller speaks at ~2.5 words a second
 * (`speechSeconds`, time the engine spends listening, outside the stage); the stage is what the
 * caller waits for: the final transcript lands 150–400 ms after they stop (endpointing).
 */
export class SimulatedStt {
  readonly provider = 'deepgram';
  readonly model = 'nova-3';

  constructor(private readonly timeScale: number) {}

  /** How long the caller talks: the audio the STT will bill for. */
  speechSeconds(utterance: string, random: RandomSource): number {
    const words = utterance.split(/\s+/).length;
    return Math.round((words / 2.5 + random.logNormal(0.6, 0.3)) * 100) / 100;
  }

  async transcribe(utterance: string, audioSeconds: number, random: RandomSource): Promise<Transcription> {
    const ttfbMillis = random.logNormal(150, 0.35);
    const endpointingMillis = random.logNormal(250, 0.3);
    await sleepScaled(ttfbMillis + endpointingMillis, this.timeScale);
    return { text: utterance, audioSeconds, ttfbSeconds: (ttfbMillis * this.timeScale) / 1000 };
  }
}
