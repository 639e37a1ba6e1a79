import type { FastifyInstance } from 'fastify';
import type { PlaneContext } from './plane-context.js';
import { parseScopes } from '../tenancy/tenant-admin.js';
import { PlaneError } from '../errors/plane-error.js';

type Body = Record<string, unknown>;

function optionalCost(body: Body): number | null | undefined {
  const v = body.humanCostPerCallUsd;
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw PlaneError.badRequest('humanCostPerCallUsd must be a non-negative number or null');
  }
  return v;
}

/** Tenants and API keys. Admin scope only; an admin key manages every tenant. */
export function registerAdminRoutes(app: FastifyInstance, ctx: PlaneContext): void {
  app.get('/api/v1/tenants', { config: { scope: 'admin' }, schema: { summary: 'List tenants', tags: ['admin'] } }, async () => {
    return { tenants: await ctx.store.listTenants() };
  });

  app.post(
    '/api/v1/tenants',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Create a tenant',
        tags: ['admin'],
        body: {
          type: 'object',
          required: ['id'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            humanCostPerCallUsd: { type: ['number', 'null'], minimum: 0 },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as Body;
      const tenant = await ctx.admin.createTenant(
        String(body.id),
        typeof body.name === 'string' ? body.name : '',
        optionalCost(body) ?? ctx.config.defaultHumanCostPerCallUsd,
      );
      return reply.code(201).send(tenant);
    },
  );

  app.patch(
    '/api/v1/tenants/:tenantId',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Update a tenant (name, human cost per call)',
        tags: ['admin'],
        body: {
          type: 'object',
          properties: { name: { type: 'string' }, humanCostPerCallUsd: { type: ['number', 'null'], minimum: 0 } },
        },
      },
    },
    async (request) => {
      const { tenantId } = request.params as { tenantId: string };
      const body = (request.body ?? {}) as Body;
      const patch: { name?: string; humanCostPerCallUsd?: number | null } = {};
      if (typeof body.name === 'string') patch.name = body.name;
      const cost = optionalCost(body);
      if (cost !== undefined) patch.humanCostPerCallUsd = cost;
      return ctx.admin.updateTenant(tenantId, patch);
    },
  );

  app.get('/api/v1/tenants/:tenantId/keys', { config: { scope: 'admin' }, schema: { summary: "List a tenant's API keys (never the secrets)", tags: ['admin'] } }, async (request) => {
    const { tenantId } = request.params as { tenantId: string };
    await ctx.admin.requireTenant(tenantId);
    const keys = await ctx.store.listApiKeys(tenantId);
    return { keys: keys.map(({ hash: _hash, ...key }) => key) };
  });

  app.post(
    '/api/v1/tenants/:tenantId/keys',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Create an API key; the secret is in this response only',
        tags: ['admin'],
        body: {
          type: 'object',
          required: ['scopes'],
          properties: { scopes: { type: 'array', items: { type: 'string' } }, name: { type: 'string' } },
        },
      },
    },
    async (request, reply) => {
      const { tenantId } = request.params as { tenantId: string };
      const body = request.body as Body;
      const key = await ctx.admin.createKey(tenantId, parseScopes(body.scopes as string[]), typeof body.name === 'string' ? body.name : '');
      return reply.code(201).send({ id: key.id, tenantId, scopes: key.scopes, key: key.secret });
    },
  );

  app.delete('/api/v1/tenants/:tenantId/keys/:keyId', { config: { scope: 'admin' }, schema: { summary: 'Revoke an API key', tags: ['admin'] } }, async (request, reply) => {
    const { tenantId, keyId } = request.params as { tenantId: string; keyId: string };
    if (!(await ctx.store.revokeApiKey(tenantId, keyId, ctx.nowUs()))) throw PlaneError.notFound(`no key "${keyId}" for tenant "${tenantId}"`);
    ctx.auth.forget();
    return reply.code(204).send();
  });
}
