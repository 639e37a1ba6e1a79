import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SurveyTenants } from './survey-tenants.js';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
before(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`CREATE TABLE surveys (tenant_id VARCHAR)`);
  await connection.run(`INSERT INTO surveys VALUES ('acme')`);
});
after(() => {
  connection.closeSync();
  instance.closeSync();
});

test('a tenant is asked about once; the answer is kept', async () => {
  const tenants = new SurveyTenants();
  assert.equal(await tenants.has(connection, 'acme'), true);
  assert.equal(await tenants.has(connection, 'other'), false);
  await connection.run(`INSERT INTO surveys VALUES ('other')`); // behind the store's back: not seen
  assert.equal(await tenants.has(connection, 'other'), false);
  await connection.run(`DELETE FROM surveys WHERE tenant_id = 'other'`);
});

test('a result being saved marks its tenant, even while a read of the old state is under way', async () => {
  const tenants = new SurveyTenants();
  const asking = tenants.has(connection, 'newcomer');
  tenants.saving('newcomer');
  assert.equal(await asking, false, 'the read that started before the save');
  assert.equal(await tenants.has(connection, 'newcomer'), true);
});
