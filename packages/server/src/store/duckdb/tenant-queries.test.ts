import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PlaneError } from '../../errors/plane-error.js';
import type { ApiKeyRecord, TenantRecord } from '../../tenancy/tenant-types.js';
import { openTempStore, type TempStore } from './temp-store.js';

const isStatus = (status: number) => (error: unknown) => error instanceof PlaneError && error.statusCode === status;

describe('tenants and API keys', () => {
  let temp: TempStore;
  const acme: TenantRecord = { id: 'acme', name: 'Acme', humanCostPerCallUsd: 4.5, createdAtUs: 1 };
  const globex: TenantRecord = { id: 'globex', name: 'Globex', humanCostPerCallUsd: null, createdAtUs: 2 };
  const key: ApiKeyRecord = {
    id: 'lm_abc123',
    tenantId: 'acme',
    hash: 'a'.repeat(64),
    scopes: ['ingest', 'read'],
    name: 'engine',
    createdAtUs: 10,
    revokedAtUs: null,
  };

  before(async () => {
    temp = await openTempStore();
    await temp.store.createTenant(globex);
    await temp.store.createTenant(acme);
    await temp.store.createApiKey(key);
  });
  after(async () => {
    await temp.dispose();
  });

  test('tenants read back as created, listed by id; a null human cost stays null', async () => {
    assert.deepEqual(await temp.store.listTenants(), [acme, globex]);
    assert.deepEqual(await temp.store.getTenant('globex'), globex);
    assert.equal(await temp.store.getTenant('nobody'), null);
  });

  test('creating an existing tenant is a 409; updating a missing one a 404', async () => {
    await assert.rejects(temp.store.createTenant(acme), isStatus(409));
    await assert.rejects(temp.store.updateTenant({ ...acme, id: 'nobody' }), isStatus(404));
  });

  test('an update changes name and human cost, not the creation time', async () => {
    await temp.store.updateTenant({ ...globex, name: 'Globex Corp', humanCostPerCallUsd: 3, createdAtUs: 999 });
    assert.deepEqual(await temp.store.getTenant('globex'), { ...globex, name: 'Globex Corp', humanCostPerCallUsd: 3 });
  });

  test('a key is found by its hash and listed under its tenant only', async () => {
    assert.deepEqual(await temp.store.findApiKeyByHash(key.hash), key);
    assert.equal(await temp.store.findApiKeyByHash('b'.repeat(64)), null);
    assert.deepEqual(await temp.store.listApiKeys('acme'), [key]);
    assert.deepEqual(await temp.store.listApiKeys('globex'), []);
  });

  test('a key with a taken id or secret is a 409', async () => {
    await assert.rejects(temp.store.createApiKey({ ...key, hash: 'c'.repeat(64) }), isStatus(409));
    await assert.rejects(temp.store.createApiKey({ ...key, id: 'lm_other' }), isStatus(409));
  });

  test('revoking needs the owning tenant; a second revocation keeps the first time', async () => {
    const other: ApiKeyRecord = { ...key, id: 'lm_rev', hash: 'd'.repeat(64), scopes: ['admin'] };
    await temp.store.createApiKey(other);
    assert.equal(await temp.store.revokeApiKey('globex', other.id, 50), false, 'another tenant cannot revoke it');
    assert.equal(await temp.store.revokeApiKey('acme', 'lm_missing', 50), false);
    assert.equal(await temp.store.revokeApiKey('acme', other.id, 50), true);
    assert.equal(await temp.store.revokeApiKey('acme', other.id, 60), true);
    assert.deepEqual(await temp.store.findApiKeyByHash(other.hash), { ...other, revokedAtUs: 50 });
  });
});
