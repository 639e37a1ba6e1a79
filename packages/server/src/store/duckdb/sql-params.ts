import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { toBigInt, type Row } from './row-values.js';
import { putStatementBack, takeStatement } from './prepared-statements.js';

/**
 * Collects bound parameters for one statement and hands out their `$n` placeholders, so SQL is
 * assembled from fixed fragments while every value (tenant ids, filters, search text) is bound,
 * never spliced into the text. Types are explicit: a µs bound as BIGINT keeps the comparison
 * on the BIGINT column (and its zone maps) instead of casting the column to DOUBLE.
 */
export class SqlParams {
  readonly values: DuckDBValue[] = [];
  readonly types: DuckDBType[] = [];

  text(value: string): string {
    return this.add(value, VARCHAR);
  }

  /** Microseconds (or any integer) as BIGINT. */
  us(value: number): string {
    return this.add(toBigInt(value), BIGINT);
  }

  int(value: number): string {
    return this.add(Math.trunc(value), INTEGER);
  }

  double(value: number): string {
    return this.add(value, DOUBLE);
  }

  bool(value: boolean): string {
    return this.add(value, BOOLEAN);
  }

  textList(values: readonly string[]): string {
    return this.add(listValue(values), LIST(VARCHAR));
  }

  private add(value: DuckDBValue, type: DuckDBType): string {
    this.values.push(value);
    this.types.push(type);
    return `$${this.values.length}`;
  }
}

/** Runs one parameterised statement and returns its rows as objects keyed by column name. */
export async function queryRows(connection: DuckDBConnection, sql: string, params: SqlParams): Promise<Row[]> {
  const statement = await takeStatement(connection, sql);
  try {
    statement.bind(params.values, params.types);
    return (await statement.runAndReadAll()).getRowObjects();
  } finally {
    putStatementBack(connection, sql, statement);
  }
}
