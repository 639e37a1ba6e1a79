import { SpanKind, SpanStatusCode, type Attributes, type Context, type Span, type TimeInput } from '@opentelemetry/api';
import { CostAttr, StageAttr, UsageAttr, type Stage } from '@lumay/conventions';
import type { LlmEnd, LlmOptions, StageEnd, StageOptions, SttEnd, TelephonyEnd, TtsEnd } from './call-options.js';
import { checkedQuantity, SpanHandle, type CallRuntime } from './call-scope.js';

type UsageField = 'costUsd' | 'ttfbSeconds' | 'billedSeconds' | 'audioSeconds' | 'characters' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens';

/** Every quantity a stage may state when it ends, and the attribute it becomes. */
const USAGE_FIELDS: readonly (readonly [UsageField, string])[] = [
  ['costUsd', CostAttr.usd],
  ['ttfbSeconds', StageAttr.ttfbSeconds],
  ['billedSeconds', UsageAttr.telephonySeconds],
  ['audioSeconds', UsageAttr.sttAudioSeconds],
  ['characters', UsageAttr.ttsCharacters],
  ['inputTokens', UsageAttr.inputTokens],
  ['cachedInputTokens', UsageAttr.cachedInputTokens],
  ['outputTokens', UsageAttr.outputTokens],
];

/** Stages other than the hand-off call another service: CLIENT spans. */
function kindOf(stage: Stage): SpanKind {
  return stage === 'transfer' ? SpanKind.INTERNAL : SpanKind.CLIENT;
}

function startStageSpan(runtime: CallRuntime, parent: Context, stage: Stage, options: StageOptions, extra: Attributes): Span {
  const attributes: Attributes = { ...options.attributes, ...extra, [StageAttr.stage]: stage };
  if (options.provider !== undefined) attributes[StageAttr.provider] = options.provider;
  return runtime.tracer.startSpan(options.name ?? stage, { kind: kindOf(stage), startTime: options.startTime, attributes }, parent);
}

/**
 * One hop of the pipeline (`lumay.stage`). Its duration is the hop's latency; `end` states the
 * usage it consumed, `fail` marks it failed with a low-cardinality `error.type`.
 */
export class StageSpan<End extends StageEnd = StageEnd> extends SpanHandle {
  readonly stage: Stage;

  constructor(runtime: CallRuntime, parent: Context, stage: Stage, options: StageOptions, extra: Attributes = {}) {
    super(runtime, startStageSpan(runtime, parent, stage, options, extra), parent, options.startTime);
    this.stage = stage;
    runtime.open.add(this);
  }

  /** Ends the stage, stating its usage. A second end is ignored. */
  end(result?: End): void {
    if (result !== undefined) this.span.setAttributes(this.usageAttributes(result));
    this.close(result?.endTime);
  }

  /** Ends the stage as failed: span status ERROR, `error.type`, counted in `lumay_engine_errors_total{kind=<stage>}`. */
  fail(errorType: string, result?: End): void {
    if (this.ended) return void this.close(result?.endTime);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
    this.span.setAttribute(StageAttr.errorType, errorType);
    this.runtime.metrics?.error(this.stage);
    this.end(result);
  }

  override abandon(endTime: TimeInput | undefined): void {
    this.runtime.misuse.report('span_left_open', `${this.stage} stage still open when its call ended; ended with the call`);
    this.close(endTime);
  }

  protected close(endTime: TimeInput | undefined): void {
    const seconds = this.finish(endTime, `${this.stage} stage`);
    if (seconds !== undefined) this.runtime.metrics?.stage(this.stage, seconds);
  }

  /** The attributes `result` states: cost, time to first result and the stage's usage. */
  private usageAttributes(result: End): Attributes {
    const attributes: Attributes = {};
    for (const [field, key] of USAGE_FIELDS) {
      const value = checkedQuantity(this.runtime, field, (result as Partial<Record<UsageField, number>>)[field]);
      if (value !== undefined) attributes[key] = value;
    }
    const model = (result as LlmEnd).responseModel;
    if (model !== undefined) attributes[StageAttr.responseModel] = model;
    return attributes;
  }
}

export type TelephonySpan = StageSpan<TelephonyEnd>;
export type SttSpan = StageSpan<SttEnd>;
export type TtsSpan = StageSpan<TtsEnd>;

export class LlmSpan extends StageSpan<LlmEnd> {
  constructor(runtime: CallRuntime, parent: Context, options: LlmOptions) {
    const operation = options.operation ?? 'chat';
    const extra: Attributes = { [StageAttr.genAiOperation]: operation, [StageAttr.model]: options.model };
    if (options.provider !== undefined) extra[StageAttr.genAiProvider] = options.provider;
    // GenAI span name convention: "{operation} {model}".
    super(runtime, parent, 'llm', { ...options, name: options.name ?? `${operation} ${options.model}` }, extra);
  }
}
