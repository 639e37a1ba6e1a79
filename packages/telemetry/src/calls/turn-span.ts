import type { Context, Span, TimeInput } from '@opentelemetry/api';
import { TurnAttr } from '@lumay/conventions';
import type { TurnEnd } from './call-options.js';
import { checkedScore, type CallRuntime } from './call-scope.js';
import { StageParent } from './stage-parent.js';

/** One exchange: the caller speaks, the agent answers. Its stages are its children. */
export class TurnSpan extends StageParent {
  readonly number: number;

  constructor(runtime: CallRuntime, span: Span, parent: Context, number: number, startTime: TimeInput | undefined) {
    super(runtime, span, parent, startTime);
    this.number = number;
    runtime.open.add(this);
  }

  protected override get turnNumber(): number {
    return this.number;
  }

  end(result: TurnEnd = {}): void {
    if (!this.ended) {
      if (result.interrupted !== undefined) this.span.setAttribute(TurnAttr.interrupted, result.interrupted);
      if (result.sentiment !== undefined) this.span.setAttribute(TurnAttr.sentiment, result.sentiment);
      const score = checkedScore(this.runtime, 'sentimentScore', result.sentimentScore);
      if (score !== undefined) this.span.setAttribute(TurnAttr.sentimentScore, score);
    }
    this.finish(result.endTime, `turn ${this.number}`);
  }

  override abandon(endTime: TimeInput | undefined): void {
    this.runtime.misuse.report('span_left_open', `turn ${this.number} still open when its call ended; ended with the call`);
    this.finish(endTime, `turn ${this.number}`);
  }
}
