import { STAGES, type Stage } from '@lumay/conventions';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The engine's own Prometheus metrics. The names are a contract: dashboards and the autoscaler
 * query exactly these (README "Metrics"). The seed called the active-calls series
 * `active_calls_total`; a gauge may not end in `_total` (OpenMetrics reserves it for counters and
 * `promtool check metrics` flags it), so it is `lumay_engine_active_calls`.
 */
export const ENGINE_METRIC_NAMES = {
  activeCalls: 'lumay_engine_active_calls',
  httpRequestDuration: 'lumay_engine_http_request_duration_seconds',
  stageDuration: 'lumay_engine_stage_duration_seconds',
  errors: 'lumay_engine_errors_total',
  connectorCalls: 'lumay_engine_connector_calls_total',
} as const;

/**
 * `kind` of `lumay_engine_errors_total`, a closed set so the label stays bounded: a failed stage
 * (by stage), a call that ended failed, an HTTP 5xx answered by the engine, and the misuses the
 * call-session API absorbs instead of throwing.
 */
export const ERROR_KINDS = [
  ...STAGES,
  'call_failed',
  'http_server',
  'call_ended_twice',
  'call_outcome_missing',
  'call_left_open',
  'span_left_open',
  'span_ended_twice',
  'invalid_argument',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export const CONNECTOR_OUTCOMES = ['success', 'failure', 'timeout'] as const;
export type ConnectorOutcome = (typeof CONNECTOR_OUTCOMES)[number];

/** Buckets in seconds: voice hops live between ~50 ms (TTS first byte) and tens of seconds (a transfer). */
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class EngineMetrics {
  readonly registry: Registry;
  private readonly activeCalls: Gauge;
  private readonly httpDuration: Histogram;
  private readonly stageDuration: Histogram;
  private readonly errors: Counter;
  private readonly connectorCalls: Counter;

  /** `registry`: register into an existing prom-client registry (default: a fresh one). */
  constructor(registry: Registry = new Registry()) {
    this.registry = registry;
    const registers = [registry];
    this.activeCalls = new Gauge({
      name: ENGINE_METRIC_NAMES.activeCalls,
      help: 'Calls in progress on this engine instance (the seed name active_calls_total; the autoscaling signal).',
      registers,
    });
    this.httpDuration = new Histogram({
      name: ENGINE_METRIC_NAMES.httpRequestDuration,
      help: 'Duration of HTTP requests served by the engine, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.stageDuration = new Histogram({
      name: ENGINE_METRIC_NAMES.stageDuration,
      help: 'Duration of call pipeline stages (telephony, stt, llm, connector, tts, transfer).',
      labelNames: ['stage'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.errors = new Counter({
      name: ENGINE_METRIC_NAMES.errors,
      help: 'Errors by kind: a failed stage, a failed call, an HTTP 5xx, or a misuse of the call-session API absorbed by the SDK.',
      labelNames: ['kind'],
      registers,
    });
    this.connectorCalls = new Counter({
      name: ENGINE_METRIC_NAMES.connectorCalls,
      help: 'Connector (CRM, ticketing, calendar...) calls by connector name and outcome.',
      labelNames: ['connector', 'outcome'],
      registers,
    });
    // Series that dashboards divide by exist from the start, at zero, rather than appearing later.
    for (const kind of ERROR_KINDS) this.errors.inc({ kind }, 0);
  }

  callStarted(): void {
    this.activeCalls.inc();
  }

  callEnded(): void {
    this.activeCalls.dec();
  }

  stage(stage: Stage, seconds: number): void {
    if (seconds >= 0) this.stageDuration.observe({ stage }, seconds);
  }

  httpRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
    if (statusCode >= 500) this.error('http_server');
  }

  error(kind: ErrorKind): void {
    this.errors.inc({ kind });
  }

  /** `connector` should be a name from your engine's own small set, never a URL or an id. */
  connectorCall(connector: string, outcome: ConnectorOutcome): void {
    this.connectorCalls.inc({ connector, outcome });
  }

  /** The Prometheus text exposition format (https://prometheus.io/docs/instrumenting/exposition_formats/). */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
