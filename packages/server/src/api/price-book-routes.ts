import type { FastifyInstance } from 'fastify';
import type { PlaneContext } from './plane-context.js';
import { principalOf } from './route-auth.js';
import { parseTime, resolveTenant, type QueryParams } from './call-filter-params.js';
import { PlaneError } from '../errors/plane-error.js';
import type { PriceBookVersion } from '../cost/price-book.js';
import { isoOfUs } from './iso-time.js';


function versionView(v: PriceBookVersion): Record<string, unknown> {
  return { effectiveFrom: isoOfUs(v.effectiveFromUs), note: v.note, createdAt: isoOfUs(v.createdAtUs), entries: v.entries };
}

/** Price books: read by a tenant's read key, versioned by admin keys (docs/api.md, "Price books"). */
export function registerPriceBookRoutes(app: FastifyInstance, ctx: PlaneContext): void {
  app.get(
    '/api/v1/price-book',
    {
      config: { scope: 'read' },
      schema: {
        summary: "The tenant's price book: its versions, the one in effect at a time, and the plane's layers under it",
        tags: ['cost'],
        querystring: {
          type: 'object',
          properties: {
            at: { type: 'string', description: 'Which version is in effect at this time (ISO 8601 or epoch ms). Default: now.' },
            tenant: { type: 'string', description: 'Admin keys only: the tenant to read.' },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as QueryParams;
      const tenantId = resolveTenant(principalOf(request), q.tenant);
      const atUs = q.at ? parseTime('at', q.at) : ctx.nowUs();
      const inEffect = ctx.priceBooks.versionAt(tenantId, atUs);
      const [plane, defaults] = ctx.priceBooks.baseLayers();
      return {
        tenant: tenantId,
        at: isoOfUs(atUs),
        inEffect: inEffect ? versionView(inEffect) : null,
        versions: ctx.priceBooks.versionsOf(tenantId).map(versionView),
        planeEntries: plane ?? [],
        defaultEntries: defaults ?? [],
        precedence: 'the version in effect, then planeEntries, then defaultEntries; within one, the most specific matching entry',
      };
    },
  );

  app.post(
    '/api/v1/tenants/:tenantId/price-book/versions',
    {
      config: { scope: 'admin' },
      schema: {
        summary: "Add a version of a tenant's price book; stored calls it covers are re-priced",
        tags: ['cost'],
        params: { type: 'object', properties: { tenantId: { type: 'string' } }, required: ['tenantId'] },
        body: {
          type: 'object',
          required: ['effectiveFrom', 'entries'],
          properties: {
            effectiveFrom: { type: 'string', description: 'ISO 8601 date or time: calls starting from then use this version.' },
            note: { type: 'string', maxLength: 500 },
            entries: { type: 'array', description: 'Price entries (docs/pricing.md); validated with a message naming the bad field.' },
          },
        },
      },
    },
    async (request, reply) => {
      const { tenantId } = request.params as { tenantId: string };
      const body = request.body as { effectiveFrom: string; note?: string; entries: unknown };
      if (/^\d+$/.test(body.effectiveFrom)) throw PlaneError.badRequest('effectiveFrom: give an ISO 8601 date or time (2026-01-01 or 2026-01-01T00:00:00Z)');
      const effectiveFromUs = parseTime('effectiveFrom', body.effectiveFrom);
      const { version, repricedCalls } = await ctx.priceBookAdmin.addVersion({
        tenantId,
        effectiveFromUs,
        entries: body.entries,
        note: body.note ?? '',
      });
      reply.code(201);
      return { tenant: tenantId, ...versionView(version), repricedCalls };
    },
  );
}
