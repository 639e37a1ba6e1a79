/**
 * Telemetry first: this module is imported before anything it instruments (pg, amqplib, fastify)
 * is loaded, so the SDK's instrumentations can patch them (packages/telemetry README).
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { initTelemetry } from '@lumay/telemetry';
import { CallTraceRegistry, CallTracesOnlyExporter } from './tracing/call-traces-only.js';

const endpoint = (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318').replace(/\/+$/, '');
const apiKey = process.env.LUMAY_API_KEY;
const callTraces = new CallTraceRegistry();

export const telemetry = initTelemetry({
  serviceName: 'voice-engine',
  serviceVersion: process.env.VOICE_ENGINE_AGENT_VERSION ?? '1.0.0',
  endpoint,
  apiKey,
  resourceAttributes: { 'deployment.environment.name': process.env.VOICE_ENGINE_ENVIRONMENT ?? 'development' },
  // The SDK's OTLP/protobuf exporter, built here only so that non-call traces can be left out.
  exporter: new CallTracesOnlyExporter(
    new OTLPTraceExporter({ url: `${endpoint}/v1/traces`, headers: apiKey === undefined ? {} : { Authorization: `Bearer ${apiKey}` } }),
    callTraces,
  ),
  spanProcessors: [callTraces],
  // Calls are short and the plane's grace period is 5 s: export every half second.
  batch: { scheduledDelayMillis: 500 },
});
