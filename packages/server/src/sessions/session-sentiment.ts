import { TurnAttr } from '@lumay/conventions';
import type { CallSession } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { transcriptSentiment } from '../sentiment/transcript-sentiment.js';
import { readText } from './attribute-readers.js';
import { callSentiment } from './call-sentiment.js';
import type { CallerLine } from './in-flight-call.js';

type SentimentFields = Pick<CallSession, 'sentiment' | 'sentimentScore' | 'sentimentSource' | 'sentimentTrajectory' | 'sentimentStartScore'>;

/**
 * The call's sentiment: what the engine stated (call-sentiment.ts) wins; otherwise it is read from
 * what the caller said — the transcript log records, or else the turns' `lumay.turn.user_text` —
 * with its trajectory (transcript-sentiment.ts). Null when there is neither.
 */
export function sessionSentiment(ordered: readonly SpanRecord[], callerLines: readonly CallerLine[]): SentimentFields {
  const stated = callSentiment(ordered);
  if (stated.sentiment !== null) return { ...stated, sentimentSource: 'stated', sentimentTrajectory: null, sentimentStartScore: null };
  const utterances =
    callerLines.length > 0
      ? [...callerLines].sort((a, b) => a.timeUs - b.timeUs).map((line) => line.text)
      : ordered
          .filter((span) => readText(span, TurnAttr.userText) !== null)
          .sort((a, b) => a.startUs - b.startUs)
          .map((span) => readText(span, TurnAttr.userText) ?? '');
  const read = transcriptSentiment(utterances);
  if (!read) return { sentiment: null, sentimentScore: null, sentimentSource: null, sentimentTrajectory: null, sentimentStartScore: null };
  return {
    sentiment: read.sentiment,
    sentimentScore: read.score,
    sentimentSource: 'transcript',
    sentimentTrajectory: read.trajectory,
    sentimentStartScore: read.startScore,
  };
}
