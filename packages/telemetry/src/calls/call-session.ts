import { SpanStatusCode, type Attributes, type Context, type Span, type TimeInput } from '@opentelemetry/api';
import {
  ANSWERED_BY,
  BusinessEventAttr,
  CallAttr,
  EventName,
  isOneOf,
  OUTCOMES,
  SENTIMENTS,
  StageAttr,
  TurnAttr,
  type AnsweredBy,
  type Sentiment,
} from '@lumay/conventions';
import type { EndCallOptions, TransferOptions, TurnOptions, TwilioAnsweredBy, WorkItem } from './call-options.js';
import { checkedScore, type CallRuntime } from './call-scope.js';
import { workItemAttributes } from './connector-call.js';
import { StageParent } from './stage-parent.js';
import { StageSpan } from './stage-span.js';
import { epochMillis } from './time.js';
import { TurnSpan } from './turn-span.js';

const TWILIO_ANSWERED_BY: readonly string[] = ['machine_start', 'machine_end_beep', 'machine_end_silence', 'machine_end_other', 'fax', 'unknown', 'no-answer', 'canceled'];

/**
 * One phone call: the root span of its own trace (docs/semantic-conventions.md). Start turns and
 * stages from it, state what happened, and `end` it last with the outcome. Misuse (ending twice,
 * no outcome, spans left open, bad values) is warned, counted and repaired, never thrown.
 */
export class CallSession extends StageParent {
  readonly callId: string;
  readonly correlationId: string;
  /** Wall-clock start (not the possibly replayed `startTime`): how long the call has been open here. */
  readonly openedAtMs = Date.now();
  private turns = 0;
  private transferReason: string | undefined;
  private readonly onEnd: (session: CallSession) => void;

  constructor(runtime: CallRuntime, span: Span, context: Context, ids: { callId: string; correlationId: string }, startTime: TimeInput | undefined, onEnd: (session: CallSession) => void) {
    super(runtime, span, context, startTime);
    this.callId = ids.callId;
    this.correlationId = ids.correlationId;
    this.onEnd = onEnd;
  }

  startTurn(options: TurnOptions = {}): TurnSpan {
    const number = options.number ?? this.turns + 1;
    this.turns = Math.max(this.turns, number);
    const span = this.runtime.tracer.startSpan('turn', { startTime: options.startTime, attributes: { [TurnAttr.number]: number } }, this.context);
    return new TurnSpan(this.runtime, span, this.context, number, options.startTime);
  }

  /**
   * The hand-off to a person: a `transfer` stage span carrying the `lumay.transfer` event, and the
   * reason on the root. End the returned span when the hand-off is done; the call's default
   * outcome becomes `escalated`.
   */
  startTransfer(options: TransferOptions): StageSpan {
    this.transferReason = options.reason;
    this.span.setAttribute(CallAttr.escalationReason, options.reason);
    const stage = new StageSpan(this.runtime, this.context, 'transfer', { provider: options.provider, startTime: options.startTime });
    stage.span.addEvent(EventName.transfer, { [CallAttr.escalationReason]: options.reason }, options.startTime);
    return stage;
  }

  /** Something the call created (a ticket, a CRM update); prefer `ConnectorCall.succeed({ workItem })`. */
  workItem(item: WorkItem, time?: TimeInput): void {
    this.span.addEvent(EventName.workItem, workItemAttributes(item), time);
  }

  /** A business result worth counting (`appointment_booked`, `payment_taken`), with an optional value. */
  businessEvent(name: string, value?: number, time?: TimeInput): void {
    const attributes: Attributes = { [BusinessEventAttr.name]: name };
    if (value !== undefined) {
      if (Number.isFinite(value)) attributes[BusinessEventAttr.value] = value;
      else this.runtime.misuse.report('invalid_argument', `business event value must be a finite number, got ${String(value)}; left out`);
    }
    this.span.addEvent(EventName.businessEvent, attributes, time);
  }

  /** The caller's sentiment over the call: a label, a −1..1 score, or both. */
  setSentiment(sentiment: Sentiment | undefined, score?: number): void {
    if (sentiment !== undefined) {
      if (isOneOf(SENTIMENTS, sentiment)) this.span.setAttribute(CallAttr.sentiment, sentiment);
      else this.runtime.misuse.report('invalid_argument', `sentiment must be one of ${SENTIMENTS.join(', ')}`);
    }
    const checked = checkedScore(this.runtime, 'sentiment score', score);
    if (checked !== undefined) this.span.setAttribute(CallAttr.sentimentScore, checked);
  }

  /** Who picked up an outbound call; Twilio's `AnsweredBy` / `CallStatus` values may be passed as they are. */
  setAnsweredBy(answeredBy: AnsweredBy | TwilioAnsweredBy): void {
    if (isOneOf(ANSWERED_BY, answeredBy) || TWILIO_ANSWERED_BY.includes(answeredBy)) this.span.setAttribute(CallAttr.answeredBy, answeredBy);
    else this.runtime.misuse.report('invalid_argument', `answeredBy ${String(answeredBy)} is not a known value; left out`);
  }

  /**
   * Ends the call: closes whatever the engine left open (warned, at this end time), states the
   * outcome, ends the root. The root's arrival tells the plane the call is over, so this is last.
   */
  end(options: EndCallOptions = {}): void {
    if (this.ended) {
      this.runtime.misuse.report('call_ended_twice', `call ${this.callId} ended twice; the second end is ignored`);
      return;
    }
    // One instant for the root and whatever it closes, so a repaired span never outlives its call.
    const endTime = options.endTime ?? epochMillis(undefined);
    for (const handle of [...this.runtime.open].reverse()) handle.abandon(endTime);
    this.state(options);
    this.finish(endTime, 'call');
    this.onEnd(this);
  }

  override abandon(endTime: TimeInput | undefined): void {
    this.runtime.misuse.report('call_left_open', `call ${this.callId} left open (shutdown, or longer than the longest call); ended as failed`);
    this.end({ outcome: 'failed', endReason: 'shutdown', errorType: 'call_left_open', endTime });
  }

  private state(options: EndCallOptions): void {
    const attributes: Attributes = {};
    if (options.outcome === undefined) {
      this.runtime.misuse.report('call_outcome_missing', `call ${this.callId} ended without an outcome; the plane will infer it`);
    } else if (isOneOf(OUTCOMES, options.outcome)) {
      attributes[CallAttr.outcome] = options.outcome;
    } else {
      this.runtime.misuse.report('invalid_argument', `outcome ${String(options.outcome)} is not one of ${OUTCOMES.join(', ')}; the plane will infer it`);
    }
    const reason = options.escalationReason ?? this.transferReason;
    if (reason !== undefined) attributes[CallAttr.escalationReason] = reason;
    const endReason = options.endReason ?? (this.transferReason !== undefined ? 'transferred' : undefined);
    if (endReason !== undefined) attributes[CallAttr.endReason] = endReason;
    if (options.errorType !== undefined) {
      attributes[StageAttr.errorType] = options.errorType;
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: options.errorType });
    }
    if (options.outcome === 'failed' || options.errorType !== undefined) this.runtime.metrics?.error('call_failed');
    this.span.setAttributes(attributes);
  }
}
