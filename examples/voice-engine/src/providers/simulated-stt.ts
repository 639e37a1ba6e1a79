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
 * A streaming speech-to-text stand-in (Deepgram-like). The caller speaks at ~2.5 words a second;
 * the final transcript lands 150–400 ms after they stop (endpointing), first partials after
 * ~150 ms.
 */
export class SimulatedStt {
  readonly provider = 'deepgram';
  readonly model = 'nova-3';

  constructor(private readonly timeScale: number) {}

  async transcribe(utterance: string, random: RandomSource): Promise<Transcription> {
    const words = utterance.split(/\s+/).length;
    const audioSeconds = Math.round((words / 2.5 + random.logNormal(0.6, 0.3)) * 100) / 100;
    const ttfbMillis = random.logNormal(150, 0.35);
    const endpointingMillis = random.logNormal(250, 0.3);
    await sleepScaled(ttfbMillis + endpointingMillis, this.timeScale);
    return { text: utterance, audioSeconds, ttfbSeconds: (ttfbMillis * this.timeScale) / 1000 };
  }
}
