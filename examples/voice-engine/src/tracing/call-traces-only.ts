import type { Context } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import { CallAttr } from '@lumay/conventions';

/** How long after its root ended a call's trace still accepts spans (the worker's late ones). */
const RETAIN_MILLIS = 10 * 60_000;

/**
 * Lets only the traces of phone calls reach the plane. The plane turns every trace it receives
 * into a call session, but an engine also serves requests that are not calls: the HTTP server
 * span of each webhook (Twilio sends no trace context, so it is a trace of its own; the call
 * starts a fresh trace inside it), the Management API and /metrics. Exported as they are, each
 * would count as one more "resolved" call.
 *
 * The processor learns which traces are calls from their root spans, which the SDK starts with
 * `lumay.call.direction`; the exporter wrapper drops the spans of any other trace. Both live in
 * the engine's process, where all its call traces start.
 */
export class CallTraceRegistry implements SpanProcessor {
  /** Trace id → until when its spans are kept (Infinity while the call is in progress). */
  private readonly calls = new Map<string, number>();

  onStart(span: Span, _parentContext: Context): void {
    if (span.parentSpanContext === undefined && span.attributes[CallAttr.direction] !== undefined) {
      this.calls.set(span.spanContext().traceId, Number.POSITIVE_INFINITY);
    }
  }

  onEnd(span: ReadableSpan): void {
    const traceId = span.spanContext().traceId;
    if (span.parentSpanContext === undefined && this.calls.has(traceId)) this.calls.set(traceId, Date.now() + RETAIN_MILLIS);
  }

  isCall(traceId: string, nowMillis: number): boolean {
    const until = this.calls.get(traceId);
    return until !== undefined && until >= nowMillis;
  }

  /** Forgets calls whose retention ran out; called on every export, so the map stays small. */
  prune(nowMillis: number): void {
    for (const [traceId, until] of this.calls) if (until < nowMillis) this.calls.delete(traceId);
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}

export class CallTracesOnlyExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly registry: CallTraceRegistry,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const now = Date.now();
    this.registry.prune(now);
    const kept = spans.filter((span) => this.registry.isCall(span.spanContext().traceId, now));
    if (kept.length === 0) {
      resultCallback({ code: ExportResultCode.SUCCESS });
      return;
    }
    this.inner.export(kept, resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
