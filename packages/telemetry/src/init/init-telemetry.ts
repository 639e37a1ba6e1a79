import { context, logs, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { CorrelationPropagator } from '../correlation/correlation-propagator.js';
import { createTelemetry, type Telemetry } from './create-telemetry.js';
import { createInstrumentations } from './instrumentations.js';
import { resolveTelemetryOptions, type TelemetryOptions } from './telemetry-options.js';

/**
 * Sets up OpenTelemetry for a voice engine: the pipeline of `createTelemetry`, registered as the
 * process-wide tracer provider, with async-hooks context, W3C trace context + baggage +
 * `X-Correlation-ID` propagation and the auto-instrumentations. Call it once, before the
 * instrumented libraries are loaded (README "Initialise"). Throws only on bad options or a
 * second registration; `shutdown()` also releases the globals.
 */
export function initTelemetry(options: TelemetryOptions): Telemetry {
  const { instrumentations } = resolveTelemetryOptions(options);
  const telemetry = createTelemetry(options);
  if (!trace.setGlobalTracerProvider(telemetry.tracerProvider)) {
    throw new Error('initTelemetry: a global OpenTelemetry tracer provider is already registered; call initTelemetry once per process (or shut the previous one down)');
  }
  logs.setGlobalLoggerProvider(telemetry.loggerProvider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator(), new CorrelationPropagator()] }),
  );
  const disableInstrumentations = registerInstrumentations({
    tracerProvider: telemetry.tracerProvider,
    instrumentations: createInstrumentations(instrumentations),
  });

  let shutdown: Promise<void> | undefined;
  return {
    ...telemetry,
    shutdown: () => {
      shutdown ??= (async () => {
        disableInstrumentations();
        try {
          await telemetry.shutdown();
        } finally {
          trace.disable();
          logs.disable();
          context.disable();
          propagation.disable();
        }
      })();
      return shutdown;
    },
  };
}
