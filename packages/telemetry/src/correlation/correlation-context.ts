import { context, createContextKey, trace, type Context } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';

/** The header that carries the correlation id over HTTP and in RabbitMQ message headers. */
export const CORRELATION_HEADER = 'x-correlation-id';

const CORRELATION_KEY = createContextKey('lumay.correlation_id');
const TENANT_KEY = createContextKey('lumay.tenant');

/** Accepted ids: what fits in a log line and a header, nothing that could break either. */
const VALID_ID = /^[\w.:@/+=-]{1,128}$/;

export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && VALID_ID.test(value);
}

export function mintCorrelationId(): string {
  return randomUUID();
}

/** The correlation id of `ctx` (default: the active context), if any. */
export function getCorrelationId(ctx: Context = context.active()): string | undefined {
  const value = ctx.getValue(CORRELATION_KEY);
  return typeof value === 'string' ? value : undefined;
}

export function setCorrelationId(ctx: Context, id: string): Context {
  return ctx.setValue(CORRELATION_KEY, id);
}

export function getTenant(ctx: Context = context.active()): string | undefined {
  const value = ctx.getValue(TENANT_KEY);
  return typeof value === 'string' ? value : undefined;
}

export function setTenant(ctx: Context, tenant: string): Context {
  return ctx.setValue(TENANT_KEY, tenant);
}

/**
 * Runs `fn` with a correlation id active: `id` when valid, else a fresh one. Use it at an edge
 * the auto-instrumentation does not cover (a job runner, a WebSocket frame).
 */
export function withCorrelationId<T>(id: string | undefined, fn: () => T): T {
  const value = isValidCorrelationId(id) ? id : mintCorrelationId();
  return context.with(setCorrelationId(context.active(), value), fn);
}

/** Runs `fn` with the tenant set for log lines (`tenant` field). */
export function withTenant<T>(tenant: string, fn: () => T): T {
  return context.with(setTenant(context.active(), tenant), fn);
}

/**
 * Fields to add to every log line: correlation_id, trace_id, span_id and tenant, each only when
 * known. Pass it as pino's `mixin` (`pino({ mixin: correlationLogFields })`), or spread it into
 * any other logger's record.
 */
export function correlationLogFields(): Record<string, string> {
  const active = context.active();
  const fields: Record<string, string> = {};
  const correlationId = getCorrelationId(active);
  if (correlationId !== undefined) fields.correlation_id = correlationId;
  const spanContext = trace.getSpanContext(active);
  if (spanContext !== undefined && trace.isSpanContextValid(spanContext)) {
    fields.trace_id = spanContext.traceId;
    fields.span_id = spanContext.spanId;
  }
  const tenant = getTenant(active);
  if (tenant !== undefined) fields.tenant = tenant;
  return fields;
}
