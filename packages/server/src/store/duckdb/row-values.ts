import type { DuckDBValue } from '@duckdb/node-api';
import { DuckDBListValue } from '@duckdb/node-api';

/*
 * Narrowing of values read back from DuckDB. BIGINT and HUGEINT (sums, counts) arrive as bigint,
 * INTEGER and DOUBLE as number; microsecond timestamps and counts fit a double exactly (< 2^53).
 */

export type Row = Record<string, DuckDBValue>;

/** An integer (µs timestamp, token count) for a BIGINT column; fractions (µs from ns ÷ 1000) are truncated. */
export function toBigInt(value: number): bigint {
  return BigInt(Math.trunc(value));
}

export function num(value: DuckDBValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value === null || value === undefined) return 0;
  throw new TypeError(`expected a number from DuckDB, got ${String(value)}`);
}

export function numOrNull(value: DuckDBValue | undefined): number | null {
  return value === null || value === undefined ? null : num(value);
}

export function str(value: DuckDBValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return String(value);
}

export function strOrNull(value: DuckDBValue | undefined): string | null {
  return value === null || value === undefined ? null : str(value);
}

export function bool(value: DuckDBValue | undefined): boolean {
  return value === true;
}

/** Items of a LIST value (e.g. `quantile_cont(x, [0.5, 0.9])`), or [] for NULL. */
export function listItems(value: DuckDBValue | undefined): DuckDBValue[] {
  return value instanceof DuckDBListValue ? [...value.items] : [];
}

/** JSON text written by this store, parsed back; a corrupt value reads as `fallback`. */
export function parseJson(value: DuckDBValue | undefined, fallback: unknown): unknown {
  if (typeof value !== 'string' || value === '') return fallback;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return fallback;
  }
}
