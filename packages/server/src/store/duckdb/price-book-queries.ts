import type { DuckDBConnection } from '@duckdb/node-api';
import { DIRECTIONS } from '@lumay/conventions';
import type { PriceBookVersion, PriceEntry } from '../../cost/price-book.js';
import { appendColumns } from './append-columns.js';
import { inTransaction } from './in-transaction.js';
import { num, parseJson, str, type Row } from './row-values.js';
import { priceableUsageFromRow } from './session-from-row.js';
import { SqlParams, queryRows } from './sql-params.js';
import type { Reprice } from '../store.js';
import { writeRollupDeltas } from './kpi-rollups.js';

function versionFromRow(row: Row): PriceBookVersion {
  const entries = parseJson(row.entries, []);
  return {
    tenantId: str(row.tenant_id),
    effectiveFromUs: num(row.effective_from_us),
    entries: Array.isArray(entries) ? (entries as PriceEntry[]) : [],
    note: str(row.note),
    createdAtUs: num(row.created_at_us),
  };
}

export async function listPriceBookVersions(connection: DuckDBConnection): Promise<PriceBookVersion[]> {
  const rows = await queryRows(connection, 'SELECT * FROM price_book_versions ORDER BY tenant_id, effective_from_us', new SqlParams());
  return rows.map(versionFromRow);
}

const COST_COLUMNS = ['telephony', 'stt', 'llm', 'tts', 'connector', 'other', 'total'] as const;

/**
 * Stores a version (replacing one with the same effective date) and, in the same transaction,
 * re-prices the tenant's stored calls that start in [fromUs, toUs): the calls the version now
 * covers. Calls without priceable usage (stored before price books) and calls whose whole cost
 * the engine stated keep their cost. Returns how many calls were re-priced.
 */
export async function savePriceBookVersion(
  connection: DuckDBConnection,
  version: PriceBookVersion,
  window: { fromUs: number; toUs: number },
  reprice: Reprice,
): Promise<number> {
  return inTransaction(connection, async () => {
    const del = new SqlParams();
    await connection.run(
      `DELETE FROM price_book_versions WHERE tenant_id = ${del.text(version.tenantId)} AND effective_from_us = ${del.us(version.effectiveFromUs)}`,
      del.values,
      del.types,
    );
    const ins = new SqlParams();
    await connection.run(
      `INSERT INTO price_book_versions VALUES (${ins.text(version.tenantId)}, ${ins.us(version.effectiveFromUs)},
         ${ins.text(JSON.stringify(version.entries))}, ${ins.text(version.note)}, ${ins.us(version.createdAtUs)})`,
      ins.values,
      ins.types,
    );

    const p = new SqlParams();
    const rows = await queryRows(
      connection,
      `SELECT trace_id, direction, start_us, priceable_usage FROM sessions
       WHERE tenant_id = ${p.text(version.tenantId)} AND start_us >= ${p.us(window.fromUs)} AND start_us < ${p.us(window.toUs)}
         AND priceable_usage IS NOT NULL`,
      p,
    );
    if (rows.length === 0) return 0;
    const traceIds: string[] = [];
    const costs: Record<(typeof COST_COLUMNS)[number], number[]> = { telephony: [], stt: [], llm: [], tts: [], connector: [], other: [], total: [] };
    for (const row of rows) {
      const direction = DIRECTIONS.find((d) => d === str(row.direction)) ?? 'inbound';
      const cost = reprice(priceableUsageFromRow(row), direction, num(row.start_us));
      traceIds.push(str(row.trace_id));
      for (const column of COST_COLUMNS) costs[column].push(cost[column]);
    }
    // The new costs go through a temporary table and one UPDATE … FROM: one statement, however many calls.
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE repriced (trace_id VARCHAR, ${COST_COLUMNS.map((c) => `${c} DOUBLE`).join(', ')})`,
    );
    await appendColumns(connection, 'repriced', [traceIds, ...COST_COLUMNS.map((c) => costs[c])]);
    // The re-priced calls leave the rollups at their old cost and come back at the new one.
    const affected = (p: SqlParams): string =>
      `tenant_id = ${p.text(version.tenantId)} AND start_us >= ${p.us(window.fromUs)} AND start_us < ${p.us(window.toUs)} AND priceable_usage IS NOT NULL`;
    const before = new SqlParams();
    await writeRollupDeltas(connection, affected(before), before, -1);
    const u = new SqlParams();
    await connection.run(
      `UPDATE sessions SET ${COST_COLUMNS.map((c) => `cost_${c}_usd = r.${c}`).join(', ')}
       FROM repriced r
       WHERE sessions.tenant_id = ${u.text(version.tenantId)} AND sessions.trace_id = r.trace_id
         AND sessions.start_us >= ${u.us(window.fromUs)} AND sessions.start_us < ${u.us(window.toUs)}`,
      u.values,
      u.types,
    );
    await connection.run('DROP TABLE repriced');
    const after = new SqlParams();
    await writeRollupDeltas(connection, affected(after), after, 1);
    return rows.length;
  });
}
