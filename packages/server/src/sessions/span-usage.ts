import { UsageAttr } from '@lumay/conventions';
import type { UsageTotals } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { readQuantity } from './attribute-readers.js';
import { LegacyGenAiAttr, LiveKitAttr, PipecatAttr } from './engine-attributes.js';

export function emptyUsage(): UsageTotals {
  return { sttAudioSeconds: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, ttsCharacters: 0, telephonySeconds: 0 };
}

/**
 * Usage one span states. Each quantity is read from our name first and from another engine's
 * name only when ours is absent, so a span carrying both is not counted twice. Negative or
 * non-numeric values are ignored; numeric strings are accepted.
 */
export function usageOfSpan(span: SpanRecord): UsageTotals {
  const q = (...keys: string[]): number => {
    for (const key of keys) {
      const value = readQuantity(span, key);
      if (value !== null) return value;
    }
    return 0;
  };
  return {
    sttAudioSeconds: q(UsageAttr.sttAudioSeconds, PipecatAttr.audioSeconds),
    inputTokens: q(UsageAttr.inputTokens, LegacyGenAiAttr.promptTokens),
    outputTokens: q(UsageAttr.outputTokens, LegacyGenAiAttr.completionTokens),
    cachedInputTokens: q(UsageAttr.cachedInputTokens, LiveKitAttr.cachedInputTokens),
    ttsCharacters: q(UsageAttr.ttsCharacters, PipecatAttr.characterCount),
    telephonySeconds: q(UsageAttr.telephonySeconds),
  };
}

export function addUsage(into: UsageTotals, usage: UsageTotals): void {
  into.sttAudioSeconds += usage.sttAudioSeconds;
  into.inputTokens += usage.inputTokens;
  into.outputTokens += usage.outputTokens;
  into.cachedInputTokens += usage.cachedInputTokens;
  into.ttsCharacters += usage.ttsCharacters;
  into.telephonySeconds += usage.telephonySeconds;
}
