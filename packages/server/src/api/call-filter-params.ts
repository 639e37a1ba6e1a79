import { DIRECTIONS, isOneOf } from '@lumay/conventions';
import { PlaneError } from '../errors/plane-error.js';
import type { CallFilter } from '../kpis/kpi-types.js';
import type { Principal } from '../tenancy/authenticator.js';

export type QueryParams = Record<string, string | undefined>;

const DAY_US = 86_400_000_000;

/** A time given as ISO 8601 or as milliseconds since the epoch, in microseconds. */
export function parseTime(name: string, raw: string): number {
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms)) {
    throw PlaneError.badRequest(`${name}="${raw}" is not a time; use ISO 8601 (2026-01-31T12:00:00Z) or epoch milliseconds`);
  }
  return ms * 1000;
}

/**
 * The tenant a read request is about: the key's own, or — for an admin key only — the one named
 * by `?tenant=`. Ingest never takes a tenant from the request.
 */
export function resolveTenant(principal: Principal, requested: string | undefined): string {
  if (!requested || requested === principal.tenantId) return principal.tenantId;
  if (!principal.scopes.includes('admin')) {
    throw PlaneError.forbidden('only an admin key may read another tenant; drop the "tenant" parameter');
  }
  return requested;
}

/**
 * Window and filters shared by every KPI and call endpoint. `requireWindow` is for lists, which
 * never default to scanning history; KPI endpoints default to the last 24 hours.
 */
export function parseCallFilter(principal: Principal, q: QueryParams, requireWindow: boolean, nowUs: number): CallFilter {
  if (requireWindow && (!q.from || !q.to)) {
    throw PlaneError.badRequest('give a time window: from=…&to=… (ISO 8601 or epoch milliseconds)');
  }
  const toUs = q.to ? parseTime('to', q.to) : nowUs;
  const fromUs = q.from ? parseTime('from', q.from) : toUs - DAY_US;
  if (fromUs >= toUs) throw PlaneError.badRequest('"from" must be before "to"');
  if (q.direction !== undefined && !isOneOf(DIRECTIONS, q.direction)) {
    throw PlaneError.badRequest(`direction must be one of: ${DIRECTIONS.join(', ')}`);
  }
  const filter: CallFilter = { tenantId: resolveTenant(principal, q.tenant), fromUs, toUs };
  if (q.agent) filter.agentId = q.agent;
  if (q.version) filter.agentVersion = q.version;
  if (q.direction) filter.direction = q.direction;
  if (q.campaign) filter.campaignId = q.campaign;
  return filter;
}

/** JSON-schema of the shared query parameters, for validation and the OpenAPI document. */
export const callFilterQuerySchema = {
  from: { type: 'string', description: 'Window start (inclusive): ISO 8601 or epoch ms. Default: to − 24 h.' },
  to: { type: 'string', description: 'Window end (exclusive): ISO 8601 or epoch ms. Default: now.' },
  agent: { type: 'string', description: 'Agent id (gen_ai.agent.id).' },
  version: { type: 'string', description: 'Agent version (gen_ai.agent.version).' },
  direction: { type: 'string', enum: [...DIRECTIONS] },
  campaign: { type: 'string', description: 'Campaign id (lumay.campaign.id).' },
  tenant: { type: 'string', description: 'Admin keys only: the tenant to read.' },
} as const;
