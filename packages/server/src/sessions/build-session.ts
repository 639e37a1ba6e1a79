import { CallAttr, CostAttr, DIRECTIONS, OUTCOMES, StageAttr, UsageAttr, isOneOf } from '@lumay/conventions';
import type { Direction, Outcome } from '@lumay/conventions';
import type { CallSession } from '../model/call-session.js';
import type { AttributeValue, SpanRecord } from '../model/telemetry-records.js';
import type { PriceLayers } from '../cost/price-book.js';
import { costComponentOf, priceableUsageOf, type CostItem } from '../cost/priceable-usage.js';
import { priceUsage } from '../cost/price-usage.js';
import { resolveAnsweredBy } from './answered-by.js';
import { asToken, firstParsed, firstText, readQuantity, readText } from './attribute-readers.js';
import { sessionSentiment } from './session-sentiment.js';
import type { CallerLine } from './in-flight-call.js';
import { collectCallEvents } from './call-events.js';
import { indexCallSpans } from './call-spans.js';
import { connectorCallsOf, connectorNameOf } from './connector-calls.js';
import { appointmentOutcomeOf } from './appointment-outcome.js';
import { rootAttributesOf } from './root-attributes.js';
import { countTurns } from './count-turns.js';
import { LiveKitAttr, PipecatAttr } from './engine-attributes.js';
import { decideOutcome } from './infer-outcome.js';
import { addUsage, emptyUsage, usageOfSpan } from './span-usage.js';
import { summarizeStages } from './stage-latency.js';

export interface BuildSessionInput {
  tenantId: string;
  traceId: string;
  /** Every span of the call, each once, in any order. */
  spans: SpanRecord[];
  /** False when the call expired (max call length) without its root span. */
  complete: boolean;
  revision: number;
  nowUs: number;
  /** The caller's transcript lines (log records), for sentiment when the engine states none. */
  callerLines?: readonly CallerLine[];
  /** The price book layers in effect for a call starting at `startUs` (price-books.ts). */
  pricesAt(startUs: number): PriceLayers;
}

const STATUS_ERROR = 2;

const asDirection = (v: AttributeValue | undefined): Direction | null => {
  const token = asToken(v);
  return isOneOf(DIRECTIONS, token) ? token : null;
};
const asOutcome = (v: AttributeValue | undefined): Outcome | null => {
  const token = asToken(v);
  return isOneOf(OUTCOMES, token) ? token : null;
};

/**
 * One call's spans → its session record: the interpretation of docs/semantic-conventions.md.
 * Pure and deterministic (the same spans in any order give the same record); never throws on bad
 * attribute values, which are ignored.
 */
export function buildSession(input: BuildSessionInput): CallSession {
  const call = indexCallSpans(input.spans);
  const { ordered, root, hasRoot } = call;
  const complete = input.complete && hasRoot;
  const text = (...keys: string[]): string => firstText(ordered, ...keys);

  const direction = firstParsed(ordered, CallAttr.direction, asDirection) ?? 'inbound';
  const startUs = root?.startUs ?? input.nowUs;
  let endUs = startUs;
  for (const span of ordered) endUs = Math.max(endUs, span.endUs);
  const durationMs = (endUs - startUs) / 1000;

  const { stages, bottleneckStage } = summarizeStages(call);
  const events = collectCallEvents(ordered);
  const turns = countTurns(ordered);
  const occurred = new Set(call.stages);
  const conversed = turns > 0 || occurred.has('stt') || occurred.has('llm') || occurred.has('tts');
  const endReason = text(CallAttr.endReason);

  const decision = decideOutcome({
    direction,
    statedOutcome: firstParsed(ordered, CallAttr.outcome, asOutcome),
    answeredBy: direction === 'outbound' ? resolveAnsweredBy({ ordered, conversed, complete }) : null,
    conversed,
    agentReplied: turns > 0 || occurred.has('llm'),
    complete,
    rootFailed: hasRoot && root?.statusCode === STATUS_ERROR,
    transferred: occurred.has('transfer') || events.transferEvent,
    endReason,
  });

  // Usage and cost, span by span (a stated cost replaces its own span's share: compute-cost.ts).
  const usage = emptyUsage();
  const costItems: CostItem[] = ordered.map((span, i) => {
    const spanUsage = usageOfSpan(span);
    addUsage(usage, spanUsage);
    const isConnectorCall = call.stages[i] === 'connector' && call.innermost[i];
    return {
      usage: spanUsage,
      provider: readText(span, StageAttr.provider) ?? readText(span, StageAttr.genAiProvider) ?? '',
      model: readText(span, StageAttr.model) ?? readText(span, StageAttr.responseModel) ?? '',
      connector: isConnectorCall ? connectorNameOf(span) : '',
      connectorCalls: isConnectorCall ? 1 : 0,
      component: costComponentOf(call.stages[i]),
      statedUsd: readQuantity(span, CostAttr.usd),
      isRoot: hasRoot && i === 0,
    };
  });
  // Without a stated phone leg, a connected call is billed for its length (carriers bill answering
  // machines too, not unanswered attempts). A call with no phone leg (WebRTC) states 0 seconds.
  const telephonyStated = ordered.some((span) => readQuantity(span, UsageAttr.telephonySeconds) !== null);
  const connected = direction === 'inbound' || decision.answeredBy === 'human' || decision.answeredBy === 'machine';
  if (!telephonyStated && connected && costItems.length > 0) {
    usage.telephonySeconds = durationMs / 1000;
    costItems[0].usage.telephonySeconds = usage.telephonySeconds;
  }

  const priceableUsage = priceableUsageOf(costItems);
  const connectorCalls = connectorCallsOf(call);
  return {
    tenantId: input.tenantId,
    callId: text(CallAttr.id, CallAttr.conversationId, PipecatAttr.conversationId) || input.traceId,
    traceId: input.traceId,
    serviceName: root?.resource.serviceName || (ordered.find((s) => s.resource.serviceName !== '')?.resource.serviceName ?? ''),
    agentId: text(CallAttr.agentId),
    agentName: text(CallAttr.agentName, LiveKitAttr.agentName),
    agentVersion: text(CallAttr.agentVersion),
    campaignId: text(CallAttr.campaignId),
    direction,
    startUs,
    endUs,
    durationMs,
    outcome: decision.outcome,
    outcomeInferred: decision.outcomeInferred,
    answeredBy: decision.answeredBy,
    handled: decision.handled,
    escalationReason: text(CallAttr.escalationReason) || events.transferReason,
    endReason,
    correlationId: text(CallAttr.correlationId),
    callerHash: text(CallAttr.callerHash),
    ...sessionSentiment(ordered, input.callerLines ?? []),
    turns,
    spanCount: ordered.length,
    stages,
    bottleneckStage,
    connectorCalls,
    workItems: events.workItems,
    businessEvents: events.businessEvents,
    ...appointmentOutcomeOf(connectorCalls, events.workItems, events.businessEvents),
    rootAttributes: rootAttributesOf(hasRoot ? (root ?? null) : null),
    usage,
    priceableUsage,
    cost: priceUsage(priceableUsage, input.pricesAt(startUs), direction),
    complete,
    completedAtUs: input.nowUs,
    revision: input.revision,
  };
}
