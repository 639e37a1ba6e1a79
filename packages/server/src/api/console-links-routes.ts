import type { FastifyInstance } from 'fastify';
import type { PlaneContext } from './plane-context.js';
import { principalOf } from './route-auth.js';
import { resolveTenant, type QueryParams } from './call-filter-params.js';
import { PlaneError } from '../errors/plane-error.js';

/**
 * Where a call opens in the operator's own Grafana stack, from URL templates in the environment:
 * LUMAY_TEMPO_TRACE_URL and LUMAY_LOKI_LOGS_URL may name {traceId}, {callId} and {correlationId};
 * LUMAY_GRAFANA_URL is a dashboard link as it is. Unset → null, and the console shows no link.
 */
export function registerConsoleLinksRoutes(
  app: FastifyInstance,
  ctx: PlaneContext,
  env: NodeJS.ProcessEnv = process.env,
): void {
  app.get(
    '/api/v1/console/links/:id',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Links out of the console for one call (Tempo trace, Loki logs, Grafana), when configured',
        tags: ['console'],
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        querystring: { type: 'object', properties: { tenant: { type: 'string' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              trace: { type: 'string', nullable: true },
              logs: { type: 'string', nullable: true },
              dashboard: { type: 'string', nullable: true },
            },
          },
        },
      },
    },
    async (request) => {
      const tenantId = resolveTenant(principalOf(request), (request.query as QueryParams).tenant);
      const { id } = request.params as { id: string };
      const session = (await ctx.store.getCall(tenantId, id))?.session;
      if (!session) throw PlaneError.notFound(`no completed call "${id}" for this tenant`);
      const fill = (template: string | undefined): string | null =>
        template
          ? template
              .replaceAll('{traceId}', encodeURIComponent(session.traceId))
              .replaceAll('{callId}', encodeURIComponent(session.callId))
              .replaceAll('{correlationId}', encodeURIComponent(session.correlationId))
          : null;
      return {
        trace: fill(env.LUMAY_TEMPO_TRACE_URL),
        logs: fill(env.LUMAY_LOKI_LOGS_URL),
        dashboard: env.LUMAY_GRAFANA_URL || null,
      };
    },
  );
}
