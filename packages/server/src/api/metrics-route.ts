import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { PlaneContext } from './plane-context.js';
import { bearerToken } from '../tenancy/api-keys.js';
import { PlaneError } from '../errors/plane-error.js';

function sameToken(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus text exposition (https://prometheus.io/docs/instrumenting/exposition_formats/) for
 * an operator's Prometheus. Its labels name every tenant, so it is an operator surface: open on
 * loopback by default, behind LUMAY_METRICS_TOKEN when the plane listens beyond it.
 */
export function registerMetricsRoute(app: FastifyInstance, ctx: PlaneContext): void {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = ctx.config.metricsToken;
    if (token !== null && !sameToken(bearerToken(request.headers.authorization), token)) {
      throw PlaneError.unauthorized('/metrics needs "Authorization: Bearer <LUMAY_METRICS_TOKEN>"');
    }
    return reply.header('content-type', ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
