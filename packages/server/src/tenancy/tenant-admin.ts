import type { Store } from '../store/store.js';
import { PlaneError } from '../errors/plane-error.js';
import { newApiKey } from './api-keys.js';
import { SCOPES, type Scope, type TenantRecord } from './tenant-types.js';

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseScopes(raw: string | string[]): Scope[] {
  const list = Array.isArray(raw) ? raw : raw.split(',');
  const scopes = list.map((s) => s.trim()).filter((s) => s !== '');
  if (scopes.length === 0) throw PlaneError.badRequest(`give at least one scope of: ${SCOPES.join(', ')}`);
  for (const s of scopes) {
    if (!(SCOPES as readonly string[]).includes(s)) {
      throw PlaneError.badRequest(`unknown scope "${s}"; scopes are: ${SCOPES.join(', ')}`);
    }
  }
  return scopes as Scope[];
}

/** Tenant and key administration shared by the CLI and the admin API. */
export class TenantAdmin {
  constructor(private readonly store: Store) {}

  async createTenant(id: string, name: string, humanCostPerCallUsd: number | null): Promise<TenantRecord> {
    if (!TENANT_ID.test(id)) {
      throw PlaneError.badRequest(`tenant id "${id}" must be 1-64 characters of a-z, 0-9 and "-", starting alphanumeric`);
    }
    if (await this.store.getTenant(id)) throw new PlaneError(409, `tenant "${id}" already exists`);
    const tenant: TenantRecord = { id, name: name || id, humanCostPerCallUsd, createdAtUs: Date.now() * 1000 };
    await this.store.createTenant(tenant);
    return tenant;
  }

  async updateTenant(id: string, patch: { name?: string; humanCostPerCallUsd?: number | null }): Promise<TenantRecord> {
    const tenant = await this.requireTenant(id);
    const updated: TenantRecord = {
      ...tenant,
      name: patch.name ?? tenant.name,
      humanCostPerCallUsd: patch.humanCostPerCallUsd === undefined ? tenant.humanCostPerCallUsd : patch.humanCostPerCallUsd,
    };
    await this.store.updateTenant(updated);
    return updated;
  }

  async createKey(tenantId: string, scopes: Scope[], name: string): Promise<{ secret: string; id: string; scopes: Scope[] }> {
    await this.requireTenant(tenantId);
    const { secret, record } = newApiKey(tenantId, scopes, name, Date.now() * 1000);
    await this.store.createApiKey(record);
    return { secret, id: record.id, scopes: record.scopes };
  }

  async requireTenant(id: string): Promise<TenantRecord> {
    const tenant = await this.store.getTenant(id);
    if (!tenant) throw PlaneError.notFound(`no tenant "${id}"`);
    return tenant;
  }
}
