import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticator, Principal } from '../tenancy/authenticator.js';
import type { Scope } from '../tenancy/tenant-types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a route needs; routes without one (health, OTLP) authenticate themselves or not at all. */
    scope?: Scope;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * Authenticates every route that declares `config.scope`, before its input is validated, so a
 * request without a valid key learns that first (401/403) rather than what is wrong with its query.
 */
export function installRouteAuth(app: FastifyInstance, auth: Authenticator): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    request.principal = await auth.authenticate(request.headers.authorization, scope);
    // Every later line of the request carries the tenant (Loki's `tenant` label, docs/deploy.md).
    // (Fastify writes the completion line with reply.log.)
    request.log = reply.log = request.log.child({ tenant: request.principal.tenantId });
  });
}

/** The authenticated caller of a route that declared a scope. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.routeOptions.url ?? ''} declares no scope`);
  return request.principal;
}
