import type { DuckDBConnection } from '@duckdb/node-api';
import { isOneOf } from '@lumay/conventions';
import { PlaneError } from '../../errors/plane-error.js';
import { SCOPES, type ApiKeyRecord, type TenantRecord } from '../../tenancy/tenant-types.js';
import { num, numOrNull, str, type Row } from './row-values.js';
import { SqlParams, queryRows } from './sql-params.js';

/*
 * Tenants and API keys: small tables with primary keys. Writes run on the serial writer, so the
 * existence checks below cannot race another write.
 */

function tenantFromRow(row: Row): TenantRecord {
  return {
    id: str(row.id),
    name: str(row.name),
    humanCostPerCallUsd: numOrNull(row.human_cost_per_call_usd),
    createdAtUs: num(row.created_at_us),
  };
}

/** Scopes are stored comma-separated: a closed set of plain words. */
function apiKeyFromRow(row: Row): ApiKeyRecord {
  return {
    id: str(row.id),
    tenantId: str(row.tenant_id),
    hash: str(row.hash),
    scopes: str(row.scopes)
      .split(',')
      .filter((s) => isOneOf(SCOPES, s)),
    name: str(row.name),
    createdAtUs: num(row.created_at_us),
    revokedAtUs: numOrNull(row.revoked_at_us),
  };
}

function costParam(p: SqlParams, value: number | null): string {
  return value === null ? 'NULL' : p.double(value);
}

export async function getTenant(connection: DuckDBConnection, tenantId: string): Promise<TenantRecord | null> {
  const p = new SqlParams();
  const [row] = await queryRows(connection, `SELECT * FROM tenants WHERE id = ${p.text(tenantId)}`, p);
  return row ? tenantFromRow(row) : null;
}

export async function listTenants(connection: DuckDBConnection): Promise<TenantRecord[]> {
  return (await queryRows(connection, 'SELECT * FROM tenants ORDER BY id', new SqlParams())).map(tenantFromRow);
}

export async function createTenant(connection: DuckDBConnection, tenant: TenantRecord): Promise<void> {
  if (await getTenant(connection, tenant.id)) throw new PlaneError(409, `tenant "${tenant.id}" already exists`);
  const p = new SqlParams();
  await connection.run(
    `INSERT INTO tenants VALUES (${p.text(tenant.id)}, ${p.text(tenant.name)}, ${costParam(p, tenant.humanCostPerCallUsd)},
       ${p.us(tenant.createdAtUs)})`,
    p.values,
    p.types,
  );
}

/** Updates name and human cost; the id and creation time never change. */
export async function updateTenant(connection: DuckDBConnection, tenant: TenantRecord): Promise<void> {
  const p = new SqlParams();
  const result = await connection.run(
    `UPDATE tenants SET name = ${p.text(tenant.name)}, human_cost_per_call_usd = ${costParam(p, tenant.humanCostPerCallUsd)}
     WHERE id = ${p.text(tenant.id)}`,
    p.values,
    p.types,
  );
  if (result.rowsChanged === 0) throw PlaneError.notFound(`no tenant "${tenant.id}"`);
}

export async function createApiKey(connection: DuckDBConnection, key: ApiKeyRecord): Promise<void> {
  const p = new SqlParams();
  const clash = await queryRows(connection, `SELECT id FROM api_keys WHERE id = ${p.text(key.id)} OR hash = ${p.text(key.hash)}`, p);
  if (clash.length > 0) throw new PlaneError(409, `an API key with id "${key.id}" or the same secret already exists`);
  const q = new SqlParams();
  await connection.run(
    `INSERT INTO api_keys VALUES (${q.text(key.id)}, ${q.text(key.tenantId)}, ${q.text(key.hash)}, ${q.text(key.scopes.join(','))},
       ${q.text(key.name)}, ${q.us(key.createdAtUs)}, ${key.revokedAtUs === null ? 'NULL' : q.us(key.revokedAtUs)})`,
    q.values,
    q.types,
  );
}

export async function listApiKeys(connection: DuckDBConnection, tenantId: string): Promise<ApiKeyRecord[]> {
  const p = new SqlParams();
  return (await queryRows(connection, `SELECT * FROM api_keys WHERE tenant_id = ${p.text(tenantId)} ORDER BY created_at_us, id`, p)).map(
    apiKeyFromRow,
  );
}

/** Revoked keys are returned too: the caller decides, and can say "revoked" rather than "unknown". */
export async function findApiKeyByHash(connection: DuckDBConnection, hash: string): Promise<ApiKeyRecord | null> {
  const p = new SqlParams();
  const [row] = await queryRows(connection, `SELECT * FROM api_keys WHERE hash = ${p.text(hash)}`, p);
  return row ? apiKeyFromRow(row) : null;
}

/** True when the tenant has the key (now revoked; a second revocation keeps the first time). */
export async function revokeApiKey(connection: DuckDBConnection, tenantId: string, keyId: string, revokedAtUs: number): Promise<boolean> {
  const p = new SqlParams();
  const tenant = p.text(tenantId);
  const id = p.text(keyId);
  const [row] = await queryRows(connection, `SELECT revoked_at_us FROM api_keys WHERE tenant_id = ${tenant} AND id = ${id}`, p);
  if (!row) return false;
  if (row.revoked_at_us !== null) return true;
  const u = new SqlParams();
  await connection.run(
    `UPDATE api_keys SET revoked_at_us = ${u.us(revokedAtUs)} WHERE tenant_id = ${u.text(tenantId)} AND id = ${u.text(keyId)}`,
    u.values,
    u.types,
  );
  return true;
}
