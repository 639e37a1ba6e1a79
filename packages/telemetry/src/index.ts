/**
 * @lumay/telemetry: OpenTelemetry for AI voice engines. `initTelemetry` once at start-up; a
 * `CallSession` per phone call; correlation ids across HTTP and RabbitMQ and into log lines; the
 * engine's Prometheus metrics. The span contract is docs/semantic-conventions.md.
 */
export { initTelemetry } from './init/init-telemetry.js';
export { createTelemetry, SDK_NAME, SDK_VERSION, type Telemetry } from './init/create-telemetry.js';
export type { TelemetryOptions } from './init/telemetry-options.js';
export type { ExportOutcome } from './init/listened-exporter.js';
export { INSTRUMENTATION_NAMES, type InstrumentationName } from './init/instrumentations.js';

export { CallTracer, type CallTracerOptions } from './calls/call-tracer.js';
export { hashCaller } from './calls/hash-caller.js';
export { CallSession } from './calls/call-session.js';
export { twilioCallOptions, type TwilioVoiceWebhook } from './calls/twilio-webhook.js';
export { TurnSpan } from './calls/turn-span.js';
export { StageSpan, LlmSpan, type TelephonySpan, type SttSpan, type TtsSpan } from './calls/stage-span.js';
export { ConnectorCall } from './calls/connector-call.js';
export { MisuseReporter } from './calls/misuse.js';
export type * from './calls/call-options.js';

export {
  CORRELATION_HEADER,
  correlationLogFields,
  getCorrelationId,
  getTenant,
  mintCorrelationId,
  withCorrelationId,
  withTenant,
} from './correlation/correlation-context.js';
export { CorrelationPropagator } from './correlation/correlation-propagator.js';
export { CorrelationSpanProcessor } from './correlation/correlation-span-processor.js';

export {
  EngineMetrics,
  ENGINE_METRIC_NAMES,
  ERROR_KINDS,
  CONNECTOR_OUTCOMES,
  type ErrorKind,
  type ConnectorOutcome,
} from './metrics/engine-metrics.js';
