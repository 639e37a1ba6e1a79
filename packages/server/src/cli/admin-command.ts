import type { PlaneConfig } from '../config.js';
import { openDuckDbStore } from '../store/duckdb/open-duckdb-store.js';
import { TenantAdmin, parseScopes } from '../tenancy/tenant-admin.js';

type Flags = { name?: string; 'human-cost'?: string; scopes?: string };

/** `lumay tenant …` and `lumay key …` against the data directory. */
export async function runAdminCommand(
  config: Readonly<PlaneConfig>,
  noun: 'tenant' | 'key',
  args: string[],
  flags: Flags,
): Promise<number> {
  let store;
  try {
    store = await openDuckDbStore({ dataDir: config.dataDir, memoryLimitMb: config.duckDbMemoryLimitMb, threads: 1 });
  } catch (error) {
    throw new Error(
      `cannot open ${config.dataDir}: ${(error as Error).message}\n` +
        'If the plane is running, it holds the database: use the admin API (/api/v1/tenants) instead.',
      { cause: error },
    );
  }
  const admin = new TenantAdmin(store);
  try {
    const [verb, ...rest] = args;
    if (noun === 'tenant' && verb === 'list') {
      for (const t of await store.listTenants()) {
        console.log(`${t.id}\t${t.name}\thuman cost per call: ${t.humanCostPerCallUsd ?? 'not set'}`);
      }
      return 0;
    }
    if (noun === 'tenant' && verb === 'create' && rest[0]) {
      const cost = flags['human-cost'] === undefined ? config.defaultHumanCostPerCallUsd : Number(flags['human-cost']);
      const t = await admin.createTenant(rest[0], flags.name ?? '', cost);
      console.log(`created tenant ${t.id}`);
      return 0;
    }
    if (noun === 'key' && verb === 'create' && rest[0]) {
      const key = await admin.createKey(rest[0], parseScopes(flags.scopes ?? 'ingest,read'), flags.name ?? '');
      console.log(`key ${key.id} (${key.scopes.join(',')}) for ${rest[0]} — shown once:\n${key.secret}`);
      return 0;
    }
    if (noun === 'key' && verb === 'list' && rest[0]) {
      for (const k of await store.listApiKeys(rest[0])) {
        console.log(`${k.id}\t${k.scopes.join(',')}\t${k.name}\t${k.revokedAtUs === null ? 'active' : 'revoked'}`);
      }
      return 0;
    }
    if (noun === 'key' && verb === 'revoke' && rest[0] && rest[1]) {
      const done = await store.revokeApiKey(rest[0], rest[1], Date.now() * 1000);
      console.log(done ? `revoked ${rest[1]}` : `no key ${rest[1]} for tenant ${rest[0]}`);
      return done ? 0 : 1;
    }
    console.error(`usage: lumay ${noun} … (see lumay --help)`);
    return 2;
  } finally {
    await store.close();
  }
}
