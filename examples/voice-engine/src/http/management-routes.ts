import { CORRELATION_HEADER, getCorrelationId, type Telemetry } from '@lumay/telemetry';
import type { FastifyInstance } from 'fastify';
import type { CallStore } from '../state/call-store.js';
import type { CallTracker } from './call-tracker.js';

/**
 * The Management API: the engine's calls as it recorded them in PostgreSQL, what it recorded in
 * total (to compare with the plane's KPIs), health, and the engine's Prometheus metrics.
 */
export function registerManagementRoutes(app: FastifyInstance, telemetry: Telemetry, store: CallStore, calls: CallTracker): void {
  app.addHook('onSend', async (_request, reply) => {
    const id = getCorrelationId();
    if (id !== undefined) void reply.header(CORRELATION_HEADER, id);
  });

  app.get<{ Querystring: { limit?: string; before?: string } }>('/api/calls', async (request, reply) => {
    const limit = Number(request.query.limit ?? 50);
    const before = request.query.before === undefined ? undefined : new Date(request.query.before);
    if (!Number.isInteger(limit) || limit < 1) return reply.code(400).send({ error: { status: 400, message: 'limit must be a positive integer (at most 500)' } });
    if (before !== undefined && Number.isNaN(before.getTime())) return reply.code(400).send({ error: { status: 400, message: 'before must be an ISO 8601 time' } });
    const items = await store.listCalls(limit, before);
    const last = items.at(-1);
    return { items, nextBefore: items.length === Math.min(limit, 500) && last !== undefined ? last.started_at : null };
  });

  app.get<{ Params: { callSid: string } }>('/api/calls/:callSid', async (request, reply) => {
    const call = await store.getCall(request.params.callSid);
    if (call === undefined) return reply.code(404).send({ error: { status: 404, message: `no call ${request.params.callSid} on this engine` } });
    return call;
  });

  app.get('/api/stats', async () => ({ ...(await store.stats()), running: calls.size }));

  app.get('/healthz', async () => ({ ok: true }));

  app.get('/metrics', async (_request, reply) => reply.type(telemetry.metrics.contentType).send(await telemetry.metrics.text()));
}
