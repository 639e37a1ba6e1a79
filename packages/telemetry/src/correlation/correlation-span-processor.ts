import type { Context } from '@opentelemetry/api';
import { CallAttr } from '@lumay/conventions';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { getCorrelationId } from './correlation-context.js';

/** Puts the active correlation id on every span as `lumay.correlation_id`, so a span leads to its log lines. */
export class CorrelationSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const id = getCorrelationId(parentContext);
    if (id !== undefined) span.setAttribute(CallAttr.correlationId, id);
  }

  onEnd(): void {}

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
