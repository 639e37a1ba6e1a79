import assert from 'node:assert/strict';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { after, before, describe, test } from 'node:test';
import { MIGRATIONS, migrate, type Migration } from './schema-migrations.js';
import { T0_US, costOf, makeSession } from './make-session.js';
import { saveSessions } from './session-writes.js';

async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(sql)).getRows()[0][0]);
}

describe('schema migrations', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  const newest = Math.max(...MIGRATIONS.map((m) => m.version));
  const extra: Migration = { version: newest + 1, name: 'add extra', statements: ['CREATE TABLE extra (x INTEGER)'] };
  const all = MIGRATIONS.map((m) => m.version);

  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  after(() => {
    connection.closeSync();
    instance.closeSync();
  });

  test('each step is applied once, in order, and recorded', async () => {
    assert.deepEqual(await migrate(connection, 1, [extra, ...MIGRATIONS]), [...all, newest + 1]);
    assert.deepEqual(await migrate(connection, 2, [extra, ...MIGRATIONS]), []);
    assert.equal(await count(connection, 'SELECT count(*) FROM schema_migrations'), all.length + 1);
    assert.equal(await count(connection, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'extra'"), 1);
  });

  test('a failing step leaves neither its tables nor its version behind', async () => {
    const broken: Migration = { version: newest + 2, name: 'broken', statements: ['CREATE TABLE half (x INTEGER)', 'SELECT * FROM missing_table'] };
    await assert.rejects(migrate(connection, 3, [...MIGRATIONS, extra, broken]));
    assert.equal(await count(connection, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'half'"), 0);
    assert.equal(await count(connection, 'SELECT max(version) FROM schema_migrations'), newest + 1);
  });

  test('a database from a newer release is refused', async () => {
    const message = new RegExp(`schema version ${newest + 1}, newer than this release knows \\(${newest}\\)`);
    await assert.rejects(migrate(connection, 4, MIGRATIONS), message);
  });
});

describe('the migration to per-tenant duration rollups', () => {
  test('fills them from the per-dimension histogram of a store that had rollups before', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await migrate(
        connection,
        1,
        MIGRATIONS.filter((m) => m.version <= 7),
      );
      await connection.run(`INSERT INTO kpi_duration_rollups VALUES
        ('acme', 0, 'billing', 'v1', 'inbound', '', 3, 2), ('acme', 0, 'support', 'v2', 'inbound', '', 3, 5),
        ('acme', 0, 'billing', 'v1', 'outbound', 'renewals', 4, 1), ('acme', 3600000000, 'billing', 'v1', 'inbound', '', 3, 7),
        ('other', 0, 'billing', 'v1', 'inbound', '', 3, 4), ('acme', 0, 'support', 'v1', 'inbound', '', 9, 2),
        ('acme', 0, 'support', 'v1', 'inbound', '', 9, -2)`);
      assert.deepEqual(
        await migrate(
          connection,
          2,
          MIGRATIONS.filter((m) => m.version <= 8),
        ),
        [8],
      );
      const rows = (
        await connection.runAndReadAll('SELECT tenant_id, hour_us::DOUBLE AS h, bucket, handled::DOUBLE AS n FROM kpi_tenant_duration_rollups ORDER BY ALL')
      ).getRows();
      // Summed over the dimensions; a bucket whose deltas cancel out is left out.
      assert.deepEqual(rows, [
        ['acme', 0, 3, 7],
        ['acme', 0, 4, 1],
        ['acme', 3600000000, 3, 7],
        ['other', 0, 3, 4],
      ]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('the migration to minute rollups per tenant', () => {
  test('fills them from the stored sessions with what the writer adds', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const minuteRows = async (): Promise<string[]> =>
      (
        await connection.runAndReadAll(
          `SELECT tenant_id, minute_us::DOUBLE, calls::DOUBLE, handled::DOUBLE, escalated::DOUBLE, round(total_cost_usd, 6)
           FROM (SELECT tenant_id, minute_us, sum(calls) AS calls, sum(handled) AS handled, sum(escalated) AS escalated,
                        sum(total_cost_usd) AS total_cost_usd FROM kpi_tenant_minute_rollups GROUP BY ALL) ORDER BY ALL`,
        )
      )
        .getRows()
        .map((row) => row.join('|'));
    try {
      await migrate(connection, 1);
      const sessions = Array.from({ length: 40 }, (_, i) =>
        makeSession({
          tenantId: i % 4 === 0 ? 'other' : 'acme',
          startUs: T0_US + (i % 7) * 41_000_000,
          outcome: i % 3 === 0 ? 'escalated' : 'resolved',
          cost: costOf(i / 10),
        }),
      );
      await saveSessions(connection, sessions, 86_400_000_000, false);
      const written = await minuteRows();
      assert.ok(written.length > 5, 'the sessions span several minutes of two tenants');
      // The same store as it was before the migration, then migrated.
      await connection.run('DROP TABLE kpi_tenant_minute_rollups');
      await connection.run('DELETE FROM schema_migrations WHERE version = 9');
      assert.deepEqual(await migrate(connection, 2), [9]);
      assert.deepEqual(await minuteRows(), written);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
