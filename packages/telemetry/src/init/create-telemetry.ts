import type { Attributes, Tracer } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { StartCallOptions } from '../calls/call-options.js';
import type { CallSession } from '../calls/call-session.js';
import { CallTracer } from '../calls/call-tracer.js';
import { CorrelationSpanProcessor } from '../correlation/correlation-span-processor.js';
import { EngineMetrics } from '../metrics/engine-metrics.js';
import { HttpMetricsSpanProcessor } from '../metrics/http-metrics-span-processor.js';
import { ListenedExporter } from './listened-exporter.js';
import { resolveTelemetryOptions, type ResolvedTelemetryOptions, type TelemetryOptions } from './telemetry-options.js';

export const SDK_NAME = '@lumay/telemetry';
export const SDK_VERSION = '0.1.0';

export interface Telemetry {
  /** A tracer for spans of your own (they join the active call like any other). */
  readonly tracer: Tracer;
  readonly tracerProvider: TracerProvider;
  /** Carries transcript lines as OTLP log records to `/v1/logs`. */
  readonly loggerProvider: LoggerProvider;
  readonly calls: CallTracer;
  readonly metrics: EngineMetrics;
  /** Shorthand for `calls.startCall`. */
  startCall(options?: StartCallOptions): CallSession;
  forceFlush(): Promise<void>;
  /** Ends calls still open (as failed, counted) and flushes what is queued. Safe to call twice. */
  shutdown(): Promise<void>;
}

function exportHeaders(options: ResolvedTelemetryOptions): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey !== undefined) headers.Authorization = `Bearer ${options.apiKey}`;
  return headers;
}

function createExporter(options: ResolvedTelemetryOptions): SpanExporter {
  const exporter = options.exporter ?? new OTLPTraceExporter({ url: `${options.endpoint}/v1/traces`, headers: exportHeaders(options) });
  return options.exportListener === undefined ? exporter : new ListenedExporter(exporter, options.exportListener);
}

function createLoggerProvider(options: ResolvedTelemetryOptions, resource: Resource): LoggerProvider {
  const exporter = options.logExporter ?? new OTLPLogExporter({ url: `${options.endpoint}/v1/logs`, headers: exportHeaders(options) });
  const processor = options.simpleExport ? new SimpleLogRecordProcessor({ exporter }) : new BatchLogRecordProcessor({ exporter, ...options.batch });
  return new LoggerProvider({ resource, processors: [processor] });
}

/**
 * The tracing pipeline on the official SDK (resource, sampler, OTLP/protobuf export, the
 * correlation and HTTP-metrics processors, the call tracer), without touching the process-wide
 * OpenTelemetry globals and without auto-instrumentation. For a process that sends on behalf of
 * several services or tenants (the fleet simulator: one pipeline per API key); an engine wants
 * `initTelemetry`.
 */
export function createTelemetry(input: TelemetryOptions): Telemetry {
  const options = resolveTelemetryOptions(input);
  const metrics = new EngineMetrics(options.metricsRegistry);
  const exporter = createExporter(options);
  const exportProcessor = options.simpleExport ? new SimpleSpanProcessor({ exporter }) : new BatchSpanProcessor({ exporter, ...options.batch });
  const spanProcessors: SpanProcessor[] = [new CorrelationSpanProcessor(), new HttpMetricsSpanProcessor(metrics), exportProcessor, ...options.spanProcessors];
  const resourceAttributes: Attributes = { ...options.resourceAttributes, [ATTR_SERVICE_NAME]: options.serviceName };
  if (options.serviceVersion !== undefined) resourceAttributes[ATTR_SERVICE_VERSION] = options.serviceVersion;
  const resource = defaultResource().merge(resourceFromAttributes(resourceAttributes));
  const loggerProvider = createLoggerProvider(options, resource);
  const tracerProvider = new TracerProvider({
    resource,
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio) }),
    spanProcessors,
  });
  const tracer = tracerProvider.getTracer(SDK_NAME, SDK_VERSION);
  const calls = new CallTracer({ tracer, logger: loggerProvider.getLogger(SDK_NAME, SDK_VERSION), metrics, maxCallSeconds: options.maxCallSeconds });
  let shutdown: Promise<void> | undefined;
  return {
    tracer,
    tracerProvider,
    loggerProvider,
    calls,
    metrics,
    startCall: (callOptions) => calls.startCall(callOptions),
    forceFlush: async () => {
      await Promise.all([tracerProvider.forceFlush(), loggerProvider.forceFlush()]);
    },
    shutdown: () => {
      shutdown ??= (async () => {
        calls.endOpenCalls();
        await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown()]);
      })();
      return shutdown;
    },
  };
}
