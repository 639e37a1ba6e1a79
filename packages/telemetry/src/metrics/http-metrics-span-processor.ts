import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { EngineMetrics } from './engine-metrics.js';

/**
 * Feeds `lumay_engine_http_request_duration_seconds` from the HTTP server spans the
 * instrumentation already makes, so request latency is measured once. The route label is the
 * route template (`http.route`, set by the Fastify and Express instrumentations) or `unmatched`,
 * never the raw path, so its cardinality stays that of the engine's routes. Only recorded spans
 * reach a processor: with a sampling ratio below 1 the histogram sees the sampled requests.
 */
export class HttpMetricsSpanProcessor implements SpanProcessor {
  constructor(private readonly metrics: EngineMetrics) {}

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (span.kind !== SpanKind.SERVER) return;
    const attributes = span.attributes;
    // Stable HTTP semantic conventions first, then the older names some instrumentations still emit.
    const method = attributes['http.request.method'] ?? attributes['http.method'];
    const status = attributes['http.response.status_code'] ?? attributes['http.status_code'];
    if (typeof method !== 'string' || typeof status !== 'number') return;
    const route = typeof attributes['http.route'] === 'string' ? attributes['http.route'] : 'unmatched';
    const seconds = span.duration[0] + span.duration[1] / 1e9;
    this.metrics.httpRequest(method, route, status, seconds);
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
