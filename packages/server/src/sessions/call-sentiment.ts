import { CallAttr, SENTIMENTS, TurnAttr, isOneOf, type Sentiment } from '@lumay/conventions';
import type { AttributeValue, SpanRecord } from '../model/telemetry-records.js';
import { asNumber, asToken, attributeOf, firstParsed } from './attribute-readers.js';
import { labelOfScore } from '../sentiment/sentiment-scale.js';

export interface CallSentiment {
  sentiment: Sentiment | null;
  sentimentScore: number | null;
}


function asSentiment(value: AttributeValue | undefined): Sentiment | null {
  const token = asToken(value);
  return isOneOf(SENTIMENTS, token) ? token : null;
}

/** A score on the −1..1 scale. Other scales (Contact Lens −5..+5) must be rescaled by the sender;
 * a value outside the range is ignored rather than guessed at. */
function asScore(value: AttributeValue | undefined): number | null {
  const score = asNumber(value);
  return score !== null && score >= -1 && score <= 1 ? score : null;
}

/**
 * The call's sentiment, first rule that applies: a stated `lumay.call.sentiment` (with the stated
 * score, if any); a stated `lumay.call.sentiment.score`, labelled by the thresholds; the last turn
 * (latest start) carrying a turn sentiment or score: how the caller felt when the call ended.
 */
export function callSentiment(ordered: readonly SpanRecord[]): CallSentiment {
  const label = firstParsed(ordered, CallAttr.sentiment, asSentiment);
  const score = firstParsed(ordered, CallAttr.sentimentScore, asScore);
  if (label !== null) return { sentiment: label, sentimentScore: score };
  if (score !== null) return { sentiment: labelOfScore(score), sentimentScore: score };

  for (let i = ordered.length - 1; i >= 0; i--) {
    const attributes = ordered[i].attributes;
    const turnScore = asScore(attributeOf(attributes, TurnAttr.sentimentScore));
    const turnLabel = asSentiment(attributeOf(attributes, TurnAttr.sentiment));
    if (turnLabel !== null) return { sentiment: turnLabel, sentimentScore: turnScore };
    if (turnScore !== null) return { sentiment: labelOfScore(turnScore), sentimentScore: turnScore };
  }
  return { sentiment: null, sentimentScore: null };
}
