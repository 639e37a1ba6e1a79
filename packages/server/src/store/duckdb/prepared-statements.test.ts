import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SqlParams, queryRows } from './sql-params.js';
import { dropStatements } from './prepared-statements.js';

describe('queries through prepared statements kept per connection', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run('CREATE TABLE t AS SELECT range AS n FROM range(100)');
  });
  after(() => {
    dropStatements(connection);
    connection.closeSync();
    instance.closeSync();
  });

  const countBelow = async (limit: number): Promise<number> => {
    const p = new SqlParams();
    const rows = await queryRows(connection, `SELECT count(*) AS c FROM t WHERE n < ${p.us(limit)}`, p);
    return Number(rows[0].c);
  };

  it('bind each run’s own values to the statement kept from the run before', async () => {
    assert.equal(await countBelow(10), 10);
    assert.equal(await countBelow(42), 42);
    assert.equal(await countBelow(0), 0);
  });

  it('give every one of several runs of the same text at once its own answer', async () => {
    const limits = [5, 17, 60, 99, 3];
    assert.deepEqual(await Promise.all(limits.map(countBelow)), limits);
  });

  it('stay right past the bound on kept statements, and see rows written since', async () => {
    for (let k = 0; k < 80; k++) {
      const p = new SqlParams();
      const rows = await queryRows(connection, `SELECT count(*) + ${k} AS c FROM t WHERE n < ${p.us(k)}`, p);
      assert.equal(Number(rows[0].c), 2 * k);
    }
    await connection.run('INSERT INTO t VALUES (1)');
    assert.equal(await countBelow(10), 11);
  });
});
