import { TurnAttr } from '@lumay/conventions';
import type { SpanRecord } from '../model/telemetry-records.js';
import { readNumber } from './attribute-readers.js';
import { PipecatAttr, TURN_SPAN_NAMES } from './engine-attributes.js';

/**
 * Number of turns: distinct turn numbers (`lumay.turn.number`, or Pipecat's `turn.number`) over all
 * spans, so a number repeated on a turn's stage spans counts once. Engines without numbers: spans
 * named `turn` (Pipecat) or `agent_turn` (LiveKit Agents: one per reply of the agent).
 */
export function countTurns(spans: readonly SpanRecord[]): number {
  const numbers = new Set<number>();
  let named = 0;
  for (const span of spans) {
    const n = readNumber(span, TurnAttr.number) ?? readNumber(span, PipecatAttr.turnNumber);
    if (n !== null) numbers.add(n);
    if (TURN_SPAN_NAMES.has(span.name)) named++;
  }
  return numbers.size > 0 ? numbers.size : named;
}
