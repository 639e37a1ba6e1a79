import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';

/**
 * Idle prepared statements by SQL text, per connection. DuckDB parses, binds and plans a
 * statement on every run otherwise: for the console's overview (eight KPI queries with UNIONs
 * over rollups and sessions) that was a fifth of its time (docs/performance.md). The SQL texts
 * are assembled from fixed fragments with every value bound, so a few dozen texts cover every
 * filter shape; past the bound the oldest is dropped.
 *
 * A statement is taken out while it runs and put back after, so two jobs can never bind the same
 * statement at once (each connection runs one job at a time anyway: duckdb-connections.ts).
 */
const MAX_IDLE_PER_CONNECTION = 64;
const idle = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();

export async function takeStatement(connection: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const statements = idle.get(connection);
  const statement = statements?.get(sql);
  if (!statement) return connection.prepare(sql);
  statements?.delete(sql);
  return statement;
}

export function putStatementBack(connection: DuckDBConnection, sql: string, statement: DuckDBPreparedStatement): void {
  let statements = idle.get(connection);
  if (!statements) {
    statements = new Map();
    idle.set(connection, statements);
  }
  if (statements.has(sql)) {
    statement.destroySync();
    return;
  }
  statements.set(sql, statement);
  if (statements.size > MAX_IDLE_PER_CONNECTION) {
    const [oldestSql, oldest] = statements.entries().next().value as [string, DuckDBPreparedStatement];
    statements.delete(oldestSql);
    oldest.destroySync();
  }
}

/** Before the connection closes: its statements are destroyed while it is still open. */
export function dropStatements(connection: DuckDBConnection): void {
  for (const statement of idle.get(connection)?.values() ?? []) statement.destroySync();
  idle.delete(connection);
}
