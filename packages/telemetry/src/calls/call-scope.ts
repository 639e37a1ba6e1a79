import { context, trace, type Context, type Logger, type Span, type TimeInput, type Tracer } from '@opentelemetry/api';
import type { EngineMetrics } from '../metrics/engine-metrics.js';
import type { MisuseReporter } from './misuse.js';
import { epochMillis } from './time.js';

/** What every span handle of one call shares: the tracer's services and the call's open spans. */
export interface CallRuntime {
  tracer: Tracer;
  /** Where transcript lines go (OTLP log records); without it they are dropped. */
  logger: Logger | undefined;
  metrics: EngineMetrics | undefined;
  misuse: MisuseReporter;
  /** Handles started and not yet ended, so the call can close what the engine forgot. */
  open: Set<SpanHandle>;
}

/**
 * One span of a call (the root, a turn, a stage) with its context. `run` executes code with the
 * span active, so the HTTP, database and RabbitMQ spans that code causes become its children.
 */
export abstract class SpanHandle {
  protected readonly startMillis: number;
  private endedFlag = false;
  private ownContext: Context | undefined;

  protected constructor(
    protected readonly runtime: CallRuntime,
    readonly span: Span,
    private readonly parent: Context,
    startTime: TimeInput | undefined,
  ) {
    this.startMillis = epochMillis(startTime);
  }

  /**
   * The parent context with this span active. Built on first use: most stage spans never need
   * one, and each context is a copied map (the benchmark's largest SDK cost before this).
   */
  get context(): Context {
    this.ownContext ??= trace.setSpan(this.parent, this.span);
    return this.ownContext;
  }

  get ended(): boolean {
    return this.endedFlag;
  }

  get traceId(): string {
    return this.span.spanContext().traceId;
  }

  run<T>(fn: () => T): T {
    return context.with(this.context, fn);
  }

  /**
   * Marks the handle ended and ends its span; false (with a warning) when it already was, so a
   * double end never double-counts. Returns the duration in seconds for the metrics.
   */
  protected finish(endTime: TimeInput | undefined, what: string): number | undefined {
    if (this.endedFlag) {
      this.runtime.misuse.report(what === 'call' ? 'call_ended_twice' : 'span_ended_twice', `${what} ended twice; the second end is ignored`);
      return undefined;
    }
    this.endedFlag = true;
    this.runtime.open.delete(this);
    this.span.end(endTime);
    return Math.max(0, (epochMillis(endTime) - this.startMillis) / 1000);
  }

  /** Ends a handle the engine left open when its call ended, at the call's end. */
  abstract abandon(endTime: TimeInput | undefined): void;
}

/** A finite, non-negative number; anything else is reported and left out. */
export function checkedQuantity(runtime: CallRuntime, name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  runtime.misuse.report('invalid_argument', `${name} must be a finite number ≥ 0, got ${String(value)}; left out`);
  return undefined;
}

/** A sentiment score on the −1..1 scale; anything else is reported and left out. */
export function checkedScore(runtime: CallRuntime, name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && value >= -1 && value <= 1) return value;
  runtime.misuse.report('invalid_argument', `${name} must be within −1..1, got ${String(value)}; left out`);
  return undefined;
}
