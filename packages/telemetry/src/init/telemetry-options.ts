import type { Attributes } from '@opentelemetry/api';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { Registry } from 'prom-client';
import type { ExportOutcome } from './listened-exporter.js';
import { INSTRUMENTATION_NAMES, type InstrumentationName } from './instrumentations.js';

export interface TelemetryOptions {
  /** `service.name`: the plane shows it as the session's service. */
  serviceName: string;
  serviceVersion?: string;
  /**
   * OTLP/HTTP base URL of the plane or a Collector (`/v1/traces` is appended). Default
   * `OTEL_EXPORTER_OTLP_ENDPOINT`, else `http://localhost:4318`.
   */
  endpoint?: string;
  /** An ingest key of the plane, sent as `Authorization: Bearer`. Default `LUMAY_API_KEY`. */
  apiKey?: string;
  /** More export headers (a Collector's own auth). */
  headers?: Record<string, string>;
  /** More resource attributes (`deployment.environment.name`, `service.instance.id`). */
  resourceAttributes?: Attributes;
  /**
   * Share of calls (traces) kept, 0..1, default 1. Children follow their parent's decision, so a
   * call is kept or dropped whole. KPIs need every call: sample only where you accept that.
   */
  sampleRatio?: number;
  /** Which auto-instrumentations to enable; default all of them, `[]` for none. */
  instrumentations?: readonly InstrumentationName[];
  /** Replaces the OTLP exporter (tests pass an InMemorySpanExporter). */
  exporter?: SpanExporter;
  /** Replaces the OTLP log exporter that carries transcript lines (tests pass an InMemoryLogRecordExporter). */
  logExporter?: LogRecordExporter;
  /** Told the outcome of every export (spans carried, accepted or not). */
  exportListener?: (outcome: ExportOutcome) => void;
  /** Export synchronously span by span instead of in batches (tests; never in production). */
  simpleExport?: boolean;
  /** More span processors, after the SDK's own. */
  spanProcessors?: SpanProcessor[];
  /** Batching of the exporter; defaults suit an engine with a few hundred calls in flight. */
  batch?: { maxQueueSize?: number; maxExportBatchSize?: number; scheduledDelayMillis?: number; exportTimeoutMillis?: number };
  /** A call open longer than this is ended as failed (`call_left_open`); default 7200. */
  maxCallSeconds?: number;
  /** prom-client registry to put the engine metrics in; default a new one. */
  metricsRegistry?: Registry;
}

/** Options after defaults, checked once. */
export interface ResolvedTelemetryOptions extends Required<Omit<TelemetryOptions, 'apiKey' | 'serviceVersion' | 'exporter' | 'logExporter' | 'metricsRegistry' | 'exportListener'>> {
  apiKey: string | undefined;
  serviceVersion: string | undefined;
  exporter: SpanExporter | undefined;
  logExporter: LogRecordExporter | undefined;
  metricsRegistry: Registry | undefined;
  exportListener: ((outcome: ExportOutcome) => void) | undefined;
}

/**
 * Defaults resolved in one place; bad configuration fails here, at start-up, with what to fix
 * (the only place the SDK throws).
 */
export function resolveTelemetryOptions(options: TelemetryOptions, env: NodeJS.ProcessEnv = process.env): ResolvedTelemetryOptions {
  if (typeof options.serviceName !== 'string' || options.serviceName.trim() === '') {
    throw new TypeError('initTelemetry: serviceName is required (the service.name of your engine)');
  }
  const endpoint = (options.endpoint ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318').replace(/\/+$/, '');
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) {
    throw new TypeError(`initTelemetry: endpoint must be an http(s) URL such as http://localhost:4318, got ${endpoint}`);
  }
  const sampleRatio = options.sampleRatio ?? 1;
  if (!(sampleRatio >= 0 && sampleRatio <= 1)) throw new RangeError(`initTelemetry: sampleRatio must be within 0..1, got ${sampleRatio}`);
  const maxCallSeconds = options.maxCallSeconds ?? 7200;
  if (!(maxCallSeconds > 0)) throw new RangeError(`initTelemetry: maxCallSeconds must be above 0, got ${maxCallSeconds}`);
  const instrumentations = options.instrumentations ?? INSTRUMENTATION_NAMES;
  const unknown = instrumentations.filter((name) => !INSTRUMENTATION_NAMES.includes(name));
  if (unknown.length > 0) throw new TypeError(`initTelemetry: unknown instrumentations ${unknown.join(', ')}; known: ${INSTRUMENTATION_NAMES.join(', ')}`);
  return {
    serviceName: options.serviceName,
    serviceVersion: options.serviceVersion,
    endpoint,
    apiKey: options.apiKey ?? env.LUMAY_API_KEY,
    headers: options.headers ?? {},
    resourceAttributes: options.resourceAttributes ?? {},
    sampleRatio,
    instrumentations,
    exporter: options.exporter,
    logExporter: options.logExporter,
    simpleExport: options.simpleExport ?? false,
    spanProcessors: options.spanProcessors ?? [],
    batch: options.batch ?? {},
    maxCallSeconds,
    metricsRegistry: options.metricsRegistry,
    exportListener: options.exportListener,
  };
}
