import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/store.js';
import type { TenantAdmin } from './tenant-admin.js';

export interface QuickstartKeys {
  tenantId: string;
  /** ingest + read: what an engine and a dashboard need. */
  ingestKey: string;
  adminKey: string;
}

const FILE = 'quickstart-keys.json';

/**
 * A fresh plane has no tenant, so nothing could send to it. On first start this creates tenant
 * `default` with two keys and keeps them in <dataDir>/quickstart-keys.json (mode 0600) so later
 * starts can print them again; keys are otherwise stored hashed only. Returns null when tenants
 * exist but the file does not (keys were then created by an operator, who has them).
 */
export async function ensureDefaultTenant(
  store: Store,
  admin: TenantAdmin,
  dataDir: string,
  humanCostPerCallUsd: number | null,
): Promise<QuickstartKeys | null> {
  const path = join(dataDir, FILE);
  if ((await store.listTenants()).length > 0) {
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as QuickstartKeys) : null;
  }
  await admin.createTenant('default', 'Default tenant', humanCostPerCallUsd);
  const ingest = await admin.createKey('default', ['ingest', 'read'], 'quickstart ingest+read');
  const adminKey = await admin.createKey('default', ['admin', 'read'], 'quickstart admin');
  const keys: QuickstartKeys = { tenantId: 'default', ingestKey: ingest.secret, adminKey: adminKey.secret };
  writeFileSync(path, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  return keys;
}
