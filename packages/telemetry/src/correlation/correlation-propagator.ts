import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { CORRELATION_HEADER, getCorrelationId, isValidCorrelationId, mintCorrelationId, setCorrelationId } from './correlation-context.js';

/**
 * Carries `X-Correlation-ID` wherever OpenTelemetry propagates context: the HTTP client and server
 * instrumentations and the amqplib instrumentation (publish writes message headers, consume reads
 * them) all call the global propagator, so the id crosses every hop with no code in the engine.
 *
 * Extraction happens at an edge (an incoming request, a consumed message): an id that is missing
 * or unusable is minted there, so everything downstream of an edge has one.
 */
export class CorrelationPropagator implements TextMapPropagator {
  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    const id = getCorrelationId(ctx);
    if (id !== undefined) setter.set(carrier, CORRELATION_HEADER, id);
  }

  extract(ctx: Context, carrier: unknown, getter: TextMapGetter): Context {
    const raw = getter.get(carrier, CORRELATION_HEADER);
    const value = Array.isArray(raw) ? raw[0] : raw;
    // Message headers arrive as Buffers from some AMQP clients.
    const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
    return setCorrelationId(ctx, isValidCorrelationId(text) ? text : mintCorrelationId());
  }

  fields(): string[] {
    return [CORRELATION_HEADER];
  }
}
