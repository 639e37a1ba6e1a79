import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/** One table column and how to read its value from a record. */
export interface ColumnSpec<T> {
  name: string;
  value: (record: T) => DuckDBValue;
}

/** Records → column arrays in `specs` order, ready for `appendColumns`. */
export function columnsOf<T>(specs: readonly ColumnSpec<T>[], records: readonly T[]): DuckDBValue[][] {
  return specs.map((spec) => records.map(spec.value));
}

/**
 * Fails fast at open when a table's columns are not exactly `names` in order: the appender is
 * positional, so a spec out of step with the schema would write values into the wrong columns.
 */
export async function assertTableColumns(connection: DuckDBConnection, table: string, names: readonly string[]): Promise<void> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name FROM duckdb_columns() WHERE table_name = $1 AND schema_name = 'main' ORDER BY column_index`,
    [table],
  );
  const actual = reader.getRowObjects().map((row) => String(row.column_name));
  if (actual.join(',') !== names.join(',')) {
    throw new Error(
      `table ${table} has columns [${actual.join(', ')}] but the writer expects [${names.join(', ')}]; a migration is missing`,
    );
  }
}
