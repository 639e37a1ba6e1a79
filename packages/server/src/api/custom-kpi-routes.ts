import type { FastifyInstance } from 'fastify';
import type { PlaneContext } from './plane-context.js';
import { principalOf } from './route-auth.js';
import { callFilterQuerySchema, parseCallFilter, type QueryParams } from './call-filter-params.js';
import { PlaneError } from '../errors/plane-error.js';
import { parseKpiDefinition } from '../custom-kpis/parse-kpi-definition.js';
import type { StoredCustomKpi } from '../custom-kpis/kpi-definition.js';
import { isoOfUs } from './iso-time.js';
import { windowOf } from './kpi-routes.js';

/** Enough for any dashboard; a bound so one tenant cannot make every scrape run thousands of queries. */
const MAX_KPIS_PER_TENANT = 100;

async function findKpi(ctx: PlaneContext, tenantId: string, id: string): Promise<StoredCustomKpi> {
  const kpi = (await ctx.store.listCustomKpis(tenantId)).find((k) => k.definition.id === id);
  if (!kpi) throw PlaneError.notFound(`tenant "${tenantId}" has no KPI "${id}"`);
  return kpi;
}

/** Tenant-defined KPIs (docs/custom-kpis.md): defined by admin keys, read with the tenant's read keys. */
export function registerCustomKpiRoutes(app: FastifyInstance, ctx: PlaneContext): void {
  app.get(
    '/api/v1/kpis/custom',
    {
      config: { scope: 'read' },
      schema: {
        summary: "The tenant's own KPIs with their values over a window (default: the last 24 hours)",
        tags: ['kpis'],
        querystring: { type: 'object', properties: callFilterQuerySchema },
      },
    },
    async (request) => {
      const filter = parseCallFilter(principalOf(request), request.query as QueryParams, false, ctx.nowUs());
      const kpis = await ctx.store.listCustomKpis(filter.tenantId);
      const values = await Promise.all(kpis.map((k) => ctx.store.customKpiValue(k.definition, filter)));
      return {
        window: windowOf(filter),
        kpis: kpis.map((k, i) => ({ ...k.definition, value: values[i], createdAt: isoOfUs(k.createdAtUs), updatedAt: isoOfUs(k.updatedAtUs) })),
      };
    },
  );

  app.get(
    '/api/v1/kpis/custom/:id/series',
    {
      config: { scope: 'read' },
      schema: {
        summary: "One of the tenant's KPIs per hour or day bucket (session start, UTC)",
        tags: ['kpis'],
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        querystring: {
          type: 'object',
          properties: { ...callFilterQuerySchema, bucket: { type: 'string', enum: ['hour', 'day'], default: 'hour' } },
        },
      },
    },
    async (request) => {
      const q = request.query as QueryParams;
      const filter = parseCallFilter(principalOf(request), q, false, ctx.nowUs());
      const kpi = await findKpi(ctx, filter.tenantId, (request.params as { id: string }).id);
      const bucket = q.bucket === 'day' ? 'day' : 'hour';
      return { definition: kpi.definition, bucket, points: await ctx.store.customKpiSeries(kpi.definition, filter, bucket) };
    },
  );

  app.put(
    '/api/v1/tenants/:tenantId/kpis/:id',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Create or replace a tenant KPI definition (validated; computed over history at once)',
        tags: ['kpis'],
        params: { type: 'object', properties: { tenantId: { type: 'string' }, id: { type: 'string' } }, required: ['tenantId', 'id'] },
        body: { type: 'object', description: 'name, description?, unit?, and measure — or numerator and denominator (docs/custom-kpis.md)' },
      },
    },
    async (request, reply) => {
      const { tenantId, id } = request.params as { tenantId: string; id: string };
      if (!(await ctx.store.getTenant(tenantId))) throw PlaneError.notFound(`no tenant "${tenantId}"`);
      const definition = parseKpiDefinition(id, request.body);
      const existing = await ctx.store.listCustomKpis(tenantId);
      if (!existing.some((k) => k.definition.id === id) && existing.length >= MAX_KPIS_PER_TENANT) {
        throw new PlaneError(409, `tenant "${tenantId}" already has ${MAX_KPIS_PER_TENANT} KPIs; delete one first`);
      }
      const replaced = await ctx.store.saveCustomKpi(tenantId, definition, ctx.nowUs());
      const last24h = { tenantId, fromUs: ctx.nowUs() - 86_400_000_000, toUs: ctx.nowUs() };
      reply.code(replaced ? 200 : 201);
      return { ...definition, valueLast24h: await ctx.store.customKpiValue(definition, last24h) };
    },
  );

  app.delete(
    '/api/v1/tenants/:tenantId/kpis/:id',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Delete a tenant KPI definition',
        tags: ['kpis'],
        params: { type: 'object', properties: { tenantId: { type: 'string' }, id: { type: 'string' } }, required: ['tenantId', 'id'] },
      },
    },
    async (request, reply) => {
      const { tenantId, id } = request.params as { tenantId: string; id: string };
      if (!(await ctx.store.deleteCustomKpi(tenantId, id))) throw PlaneError.notFound(`tenant "${tenantId}" has no KPI "${id}"`);
      return reply.code(204).send();
    },
  );
}
