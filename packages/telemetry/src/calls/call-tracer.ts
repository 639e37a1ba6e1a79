import { context, trace, type Attributes, type Logger, type Tracer } from '@opentelemetry/api';
import { CallAttr, DIRECTIONS, isOneOf } from '@lumay/conventions';
import { getCorrelationId, isValidCorrelationId, mintCorrelationId, setCorrelationId, setTenant } from '../correlation/correlation-context.js';
import type { EngineMetrics } from '../metrics/engine-metrics.js';
import type { StartCallOptions } from './call-options.js';
import type { CallRuntime, SpanHandle } from './call-scope.js';
import { CallSession } from './call-session.js';
import { MisuseReporter } from './misuse.js';

export interface CallTracerOptions {
  tracer: Tracer;
  /** For transcript lines (log records); without one they are dropped. */
  logger?: Logger;
  /** The engine's metrics; without them nothing is counted (the simulator replays calls without). */
  metrics?: EngineMetrics;
  /**
   * A call open longer than this was forgotten: it is ended as failed (`call_left_open`) so the
   * active-calls gauge cannot drift up for ever. Default 7200, the plane's own longest call.
   */
  maxCallSeconds?: number;
}

/** How often open calls are checked against `maxCallSeconds`. */
const SWEEP_INTERVAL_MILLIS = 60_000;

/** Starts calls and keeps the ones in progress, so shutdown can close what was left open. */
export class CallTracer {
  readonly misuse: MisuseReporter;
  private readonly tracer: Tracer;
  private readonly logger: Logger | undefined;
  private readonly metrics: EngineMetrics | undefined;
  private readonly inProgress = new Set<CallSession>();
  private readonly maxCallMillis: number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: CallTracerOptions) {
    this.tracer = options.tracer;
    this.logger = options.logger;
    this.metrics = options.metrics;
    this.misuse = new MisuseReporter(options.metrics);
    this.maxCallMillis = (options.maxCallSeconds ?? 7200) * 1000;
  }

  /** Calls started and not yet ended. */
  get activeCalls(): number {
    return this.inProgress.size;
  }

  /**
   * Starts a call as the root of a new trace (one trace per call, whatever context the webhook
   * arrived in). The active context's correlation id and tenant carry over into it.
   */
  startCall(options: StartCallOptions = {}): CallSession {
    const active = context.active();
    const given = options.correlationId ?? getCorrelationId(active);
    const correlationId = isValidCorrelationId(given) ? given : mintCorrelationId();
    let parent = setCorrelationId(trace.deleteSpan(active), correlationId);
    if (options.tenant !== undefined) parent = setTenant(parent, options.tenant);

    const span = this.tracer.startSpan('call', { root: true, startTime: options.startTime, attributes: this.rootAttributes(options, correlationId) }, parent);
    const callId = options.callId ?? span.spanContext().traceId;
    span.setAttribute(CallAttr.id, callId);
    const runtime: CallRuntime = { tracer: this.tracer, logger: this.logger, metrics: this.metrics, misuse: this.misuse, open: new Set<SpanHandle>() };
    const session = new CallSession(runtime, span, parent, { callId, correlationId }, options.startTime, (ended) => {
      this.inProgress.delete(ended);
      this.metrics?.callEnded();
    });
    if (options.answeredBy !== undefined) session.setAnsweredBy(options.answeredBy);
    this.inProgress.add(session);
    this.metrics?.callStarted();
    // unref: the sweep never keeps an engine's process alive on its own.
    this.sweeper ??= setInterval(() => this.endStaleCalls(Date.now()), SWEEP_INTERVAL_MILLIS).unref();
    return session;
  }

  /** Ends, as failed (`call_left_open`), the calls open longer than `maxCallSeconds` at `nowMs`. */
  endStaleCalls(nowMs: number): number {
    const stale = [...this.inProgress].filter((session) => nowMs - session.openedAtMs > this.maxCallMillis);
    for (const session of stale) session.abandon(undefined);
    return stale.length;
  }

  /** Ends every call still in progress as failed (`call_left_open`) and stops the sweep, e.g. at shutdown. */
  endOpenCalls(): number {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    const open = [...this.inProgress];
    for (const session of open) session.abandon(undefined);
    return open.length;
  }

  private rootAttributes(options: StartCallOptions, correlationId: string): Attributes {
    const attributes: Attributes = { ...options.attributes, [CallAttr.correlationId]: correlationId };
    const direction = options.direction ?? 'inbound';
    if (isOneOf(DIRECTIONS, direction)) attributes[CallAttr.direction] = direction;
    else this.misuse.report('invalid_argument', `direction must be inbound or outbound, got ${String(direction)}; inbound assumed`);
    if (options.agent !== undefined) {
      attributes[CallAttr.agentId] = options.agent.id;
      if (options.agent.name !== undefined) attributes[CallAttr.agentName] = options.agent.name;
      if (options.agent.version !== undefined) attributes[CallAttr.agentVersion] = options.agent.version;
    }
    if (options.campaignId !== undefined) attributes[CallAttr.campaignId] = options.campaignId;
    if (options.callerHash !== undefined) attributes[CallAttr.callerHash] = options.callerHash;
    return attributes;
  }
}
