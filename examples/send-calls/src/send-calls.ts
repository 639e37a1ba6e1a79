import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { CallPlan } from '@lumay/simulator/call-plan';
import { emitCall } from './emit-call.js';
import { ExportTally } from './export-tally.js';
import { createOtlpExporters, type OtlpProtocol } from './otlp-exporters.js';

export { otlpTargets, OTLP_PROTOCOLS, type OtlpProtocol, type OtlpTargets } from './otlp-exporters.js';

export interface SendCallsOptions {
  /** HTTP: the base URL (`http://127.0.0.1:4318`); gRPC: `host:port` (`127.0.0.1:4317`). */
  endpoint: string;
  /** A plane API key with ingest scope; it also decides the tenant. */
  apiKey: string;
  protocol: OtlpProtocol;
  plans: readonly CallPlan[];
  /** `service.name` of the resource; default `voice-engine`. */
  serviceName?: string;
}

export interface SendCallsResult {
  calls: number;
  spans: number;
  logRecords: number;
}

const INSTRUMENTATION_SCOPE = '@lumay/example-send-calls';
/**
 * Calls are emitted synchronously, faster than any exporter sends; flushing whenever this many
 * spans are pending keeps the processors' queues (QUEUE_SIZE) from overflowing and dropping data.
 */
const FLUSH_EVERY_SPANS = 4096;
const QUEUE_SIZE = 4 * FLUSH_EVERY_SPANS;
const BATCH_SIZE = 1024;

/**
 * Sends the plans through the official OpenTelemetry SDK (tracer and logger providers, batch
 * processors, OTLP exporters), then flushes and shuts down. Rejects when anything was not
 * accepted, so a caller never takes a partial send for a complete one.
 */
export async function sendCalls(options: SendCallsOptions): Promise<SendCallsResult> {
  const exporters = createOtlpExporters(options.endpoint, options.protocol, options.apiKey);
  const spanTally = new ExportTally(exporters.spans);
  const logTally = new ExportTally(exporters.logs);
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? 'voice-engine' });
  const batching = { maxQueueSize: QUEUE_SIZE, maxExportBatchSize: BATCH_SIZE, scheduledDelayMillis: 200 };
  const tracerProvider = new TracerProvider({ resource, spanProcessors: [new BatchSpanProcessor({ exporter: spanTally, ...batching })] });
  const loggerProvider = new LoggerProvider({ resource, processors: [new BatchLogRecordProcessor({ exporter: logTally, ...batching })] });
  /** False once anything failed: the rest is not sent, as a plane that refused one batch refuses all. */
  const flush = async (): Promise<boolean> => {
    const settled = await Promise.allSettled([tracerProvider.forceFlush(), loggerProvider.forceFlush()]);
    return settled.every((s) => s.status === 'fulfilled') && spanTally.failed === 0 && logTally.failed === 0;
  };

  const emitted = { calls: 0, spans: 0, logRecords: 0 };
  try {
    const tracer = tracerProvider.getTracer(INSTRUMENTATION_SCOPE);
    const logger = loggerProvider.getLogger(INSTRUMENTATION_SCOPE);
    let pendingSpans = 0;
    for (const plan of options.plans) {
      const counts = emitCall(plan, tracer, logger);
      emitted.calls++;
      emitted.spans += counts.spans;
      emitted.logRecords += counts.logRecords;
      pendingSpans += counts.spans;
      if (pendingSpans >= FLUSH_EVERY_SPANS) {
        if (!(await flush())) break;
        pendingSpans = 0;
      }
    }
    await flush();
  } finally {
    await Promise.allSettled([tracerProvider.shutdown(), loggerProvider.shutdown()]);
  }

  const lost = [
    emitted.calls < options.plans.length ? `${options.plans.length - emitted.calls} calls not sent after a failure` : null,
    missing('spans', emitted.spans, spanTally),
    missing('log records', emitted.logRecords, logTally),
  ].filter((line) => line !== null);
  if (lost.length > 0) throw new Error(`not everything reached ${options.endpoint}: ${lost.join('; ')}`);
  return { calls: emitted.calls, spans: spanTally.exported, logRecords: logTally.exported };
}

function missing<T>(what: string, emitted: number, tally: ExportTally<T>): string | null {
  if (tally.exported === emitted) return null;
  const cause = tally.firstError === null ? 'dropped before export' : `first error: ${tally.firstError}`;
  return `${emitted - tally.exported} of ${emitted} ${what} not accepted (${cause})`;
}
