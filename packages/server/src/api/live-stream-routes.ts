import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { PlaneContext } from './plane-context.js';
import { principalOf } from './route-auth.js';
import type { CallSession } from '../model/call-session.js';
import { resolveTenant, type QueryParams } from './call-filter-params.js';
import { isoOfUs } from './iso-time.js';

const HEARTBEAT_MILLIS = 15_000;

/** The fields of a completed call the live stream carries (the call list's row shape). */
export function streamedCall(s: CallSession): Record<string, unknown> {
  return {
    callId: s.callId,
    traceId: s.traceId,
    agentId: s.agentId,
    agentVersion: s.agentVersion,
    campaignId: s.campaignId,
    direction: s.direction,
    start: isoOfUs(s.startUs),
    durationMs: s.durationMs,
    outcome: s.outcome,
    outcomeInferred: s.outcomeInferred,
    handled: s.handled,
    bottleneckStage: s.bottleneckStage,
    totalCostUsd: s.cost.total,
    revision: s.revision,
  };
}

/**
 * Server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html) per tenant:
 * `call.completed` for each finished (or amended) call and `kpis.changed` once per batch, so a
 * console refetches KPIs only when they moved. Auth is the Authorization header (use fetch()
 * streaming in a browser; keys never go in URLs, where logs would keep them).
 */
export function registerLiveStreamRoutes(app: FastifyInstance, ctx: PlaneContext): void {
  const subscribers = new Map<string, Set<ServerResponse>>();

  ctx.ingest.on('sessions', (sessions) => {
    const byTenant = new Map<string, CallSession[]>();
    for (const s of sessions) {
      const list = byTenant.get(s.tenantId) ?? [];
      list.push(s);
      byTenant.set(s.tenantId, list);
    }
    for (const [tenantId, list] of byTenant) {
      const subs = subscribers.get(tenantId);
      if (!subs || subs.size === 0) continue;
      let frame = '';
      for (const s of list) frame += `event: call.completed\ndata: ${JSON.stringify(streamedCall(s))}\n\n`;
      frame += `event: kpis.changed\ndata: ${JSON.stringify({ calls: list.length, inFlight: ctx.ingest.status().inFlightByTenant.get(tenantId) ?? 0 })}\n\n`;
      for (const res of subs) res.write(frame);
    }
  });

  // Open streams would keep the server from closing; end them first.
  app.addHook('preClose', async () => {
    for (const subs of subscribers.values()) for (const res of subs) res.end();
  });

  app.get(
    '/api/v1/stream',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Live stream (text/event-stream) of completed calls and KPI changes',
        tags: ['live'],
        querystring: { type: 'object', properties: { tenant: { type: 'string' } } },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const tenantId = resolveTenant(principal, (request.query as QueryParams).tenant);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-correlation-id': String(request.id),
      });
      res.write(`event: hello\ndata: ${JSON.stringify({ tenant: tenantId, inFlight: ctx.ingest.status().inFlightByTenant.get(tenantId) ?? 0 })}\n\n`);
      const subs = subscribers.get(tenantId) ?? new Set<ServerResponse>();
      subscribers.set(tenantId, subs);
      subs.add(res);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MILLIS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        subs.delete(res);
      });
    },
  );
}
