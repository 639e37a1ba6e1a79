import FastifyOtel from '@fastify/otel';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

/** The maintained OpenTelemetry instrumentations the SDK turns on, by the library they cover. */
export const INSTRUMENTATION_NAMES = ['http', 'undici', 'fastify', 'express', 'pg', 'amqplib'] as const;
export type InstrumentationName = (typeof INSTRUMENTATION_NAMES)[number];

/** Paths whose requests are not traced: scrapes and probes would drown the engine's real traffic. */
const UNTRACED_PATHS = new Set(['/metrics', '/healthz', '/readyz', '/livez']);

function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
}

export function createInstrumentations(names: readonly InstrumentationName[]): Instrumentation[] {
  const byName: Record<InstrumentationName, () => Instrumentation> = {
    http: () => new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(pathOf(request.url)) }),
    // fetch() in Node is undici: outgoing connector calls made with fetch are traced by this one.
    undici: () => new UndiciInstrumentation(),
    // Hooks every Fastify instance as it is created (no plugin to register by hand).
    fastify: () => new FastifyOtel.FastifyOtelInstrumentation({ registerOnInitialization: true, ignorePaths: ({ url }) => UNTRACED_PATHS.has(url) }),
    express: () => new ExpressInstrumentation(),
    // Queries outside any span (pool warm-up, migrations) would each start a trace of their own.
    pg: () => new PgInstrumentation({ requireParentSpan: true }),
    amqplib: () => new AmqplibInstrumentation(),
  };
  return names.map((name) => byName[name]());
}
