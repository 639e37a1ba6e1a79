import type { FastifyInstance } from 'fastify';
import type { PlaneContext } from './plane-context.js';

/** Liveness (the process answers) and readiness (the store answers and ingest is not saturated). */
export function registerHealthRoutes(app: FastifyInstance, ctx: PlaneContext): void {
  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['health'] } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { summary: 'Readiness', tags: ['health'] } }, async (_request, reply) => {
    const saturated = ctx.ingest.status().pendingSpans >= ctx.config.maxPendingSpans;
    let storeOk = true;
    try {
      await ctx.store.listTenants();
    } catch {
      storeOk = false;
    }
    const ready = storeOk && !saturated;
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not ready',
      store: storeOk ? 'ok' : 'unreachable',
      pendingSpans: ctx.ingest.status().pendingSpans,
      callsInFlight: ctx.ingest.status().inFlight,
    });
  });
}
