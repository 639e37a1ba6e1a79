import type { FastifyInstance } from 'fastify';
import type { PlaneContext } from './plane-context.js';
import { principalOf } from './route-auth.js';
import { callFilterQuerySchema, parseCallFilter, type QueryParams } from './call-filter-params.js';
import { windowOf } from './kpi-routes.js';
import { PlaneError } from '../errors/plane-error.js';
import { computeInsights, computeVersionComparison } from '../insights/compute-insights.js';

/** A window too large for in-memory insights is the caller's to narrow, not a server fault. */
async function narrowOnOverflow<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof RangeError) throw PlaneError.badRequest(`${err.message}; narrow the window or add filters`);
    throw err;
  }
}

/** The feedback loop: what moved this period and why, and agent versions side by side. */
export function registerInsightRoutes(app: FastifyInstance, ctx: PlaneContext): void {
  app.get(
    '/api/v1/insights',
    {
      config: { scope: 'read' },
      schema: {
        summary:
          'What moved and why: escalation reasons vs the previous window, connector failures before escalations, the dominant latency hop, a sentiment slide before an escalation rise',
        description:
          'Each insight carries example calls (callId) that open with GET /api/v1/calls/{id}. See docs/api.md.',
        tags: ['insights'],
        querystring: { type: 'object', properties: callFilterQuerySchema },
      },
    },
    async (request) => {
      const filter = parseCallFilter(principalOf(request), request.query as QueryParams, false, ctx.nowUs());
      const insights = await narrowOnOverflow(computeInsights(ctx.store, filter));
      return { window: windowOf(filter), tenant: filter.tenantId, ...insights };
    },
  );

  app.get(
    '/api/v1/insights/versions',
    {
      config: { scope: 'read' },
      schema: {
        summary:
          'Agent versions side by side on every KPI, with 95 % intervals and the confidence of each difference from the busiest version',
        description:
          'Rates: Wilson intervals and a two-proportion z-test; per-call means: normal intervals and a Welch test.',
        tags: ['insights'],
        querystring: { type: 'object', properties: callFilterQuerySchema },
      },
    },
    async (request) => {
      const filter = parseCallFilter(principalOf(request), request.query as QueryParams, false, ctx.nowUs());
      const tenant = await ctx.store.getTenant(filter.tenantId);
      const comparison = await narrowOnOverflow(
        computeVersionComparison(ctx.store, filter, tenant?.humanCostPerCallUsd ?? null),
      );
      return { window: windowOf(filter), tenant: filter.tenantId, ...comparison };
    },
  );

  app.get(
    '/api/v1/insights/cost',
    {
      config: { scope: 'read' },
      schema: {
        summary:
          'Spend per cost component (telephony, stt, llm, tts, connector, other): all calls and those escalated anyway',
        tags: ['insights'],
        querystring: { type: 'object', properties: callFilterQuerySchema },
      },
    },
    async (request) => {
      const filter = parseCallFilter(principalOf(request), request.query as QueryParams, false, ctx.nowUs());
      return { window: windowOf(filter), tenant: filter.tenantId, ...(await ctx.store.costComponents(filter)) };
    },
  );
}
