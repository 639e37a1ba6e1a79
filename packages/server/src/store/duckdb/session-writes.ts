import type { DuckDBConnection } from '@duckdb/node-api';
import type { CallSession } from '../../model/call-session.js';
import { appendColumns } from './append-columns.js';
import { columnsOf } from './column-spec.js';
import { inTransaction } from './in-transaction.js';
import { num, str } from './row-values.js';
import { CONNECTOR_CALL_COLUMNS, SESSION_COLUMNS, WORK_ITEM_COLUMNS, childrenOf } from './session-columns.js';
import { SqlParams, queryRows } from './sql-params.js';
import { writeRollupDeltas } from './kpi-rollups.js';
import { rollupDeltaColumns } from './kpi-rollup-deltas.js';

/** One session per (tenant, trace): the highest revision, the later one on a tie. */
function latestPerTrace(sessions: readonly CallSession[]): CallSession[] {
  const byKey = new Map<string, CallSession>();
  for (const s of sessions) {
    const key = `${s.tenantId}\u0000${s.traceId}`;
    const seen = byKey.get(key);
    if (!seen || s.revision >= seen.revision) byKey.set(key, s);
  }
  return [...byKey.values()];
}

/** A trace and the start of its call, which bounds where a stored revision can be. */
export type TraceAt = Pick<CallSession, 'tenantId' | 'traceId' | 'startUs'>;

export interface StoredKeys {
  tenantIds: string[];
  traceIds: string[];
  minStartUs: number;
  maxStartUs: number;
}

/**
 * Which of `sessions` already have rows, and the span of their stored start times. A stored
 * revision starts within `maxCallUs` of the new one (a late root can move the start by at most a
 * call's length), so the scan is bounded by start time and DuckDB skips other row groups by zone
 * map: the cost follows the rows near the new sessions, not the whole history.
 */
export async function findStored(connection: DuckDBConnection, sessions: readonly TraceAt[], maxCallUs: number): Promise<StoredKeys | null> {
  const p = new SqlParams();
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of sessions) {
    lo = Math.min(lo, s.startUs);
    hi = Math.max(hi, s.startUs);
  }
  const rows = await queryRows(
    connection,
    `SELECT s.tenant_id, s.trace_id, s.start_us
     FROM sessions s
     JOIN (SELECT unnest(${p.textList(sessions.map((x) => x.tenantId))}) AS tenant_id,
                  unnest(${p.textList(sessions.map((x) => x.traceId))}) AS trace_id) k
       ON s.tenant_id = k.tenant_id AND s.trace_id = k.trace_id
     WHERE s.start_us BETWEEN ${p.us(lo - maxCallUs)} AND ${p.us(hi + maxCallUs)}`,
    p,
  );
  if (rows.length === 0) return null;
  const starts = rows.map((r) => num(r.start_us));
  return {
    tenantIds: rows.map((r) => str(r.tenant_id)),
    traceIds: rows.map((r) => str(r.trace_id)),
    minStartUs: Math.min(...starts),
    maxStartUs: Math.max(...starts),
  };
}

/** Sessions of the given (tenant, trace) pairs, bounded by start so DuckDB skips row groups by zone map. */
function sessionsWhere(tenantIds: readonly string[], traceIds: readonly string[], minStartUs: number, maxStartUs: number, p: SqlParams): string {
  const keys = tenantIds.map((t, i) => `${t}\u001f${traceIds[i]}`);
  return `start_us BETWEEN ${p.us(minStartUs)} AND ${p.us(maxStartUs)}
    AND tenant_id || chr(31) || trace_id IN (SELECT unnest(${p.textList(keys)}))`;
}

/** Deletes the earlier revision's rows; the start range lets DuckDB skip row groups by zone map. */
async function deleteStored(connection: DuckDBConnection, stored: StoredKeys): Promise<void> {
  const tables = [
    { table: 'sessions', start: 'start_us' },
    { table: 'connector_calls', start: 'session_start_us' },
    { table: 'work_items', start: 'session_start_us' },
  ];
  for (const { table, start } of tables) {
    const p = new SqlParams();
    await connection.run(
      `DELETE FROM ${table} AS t
       USING (SELECT unnest(${p.textList(stored.tenantIds)}) AS tenant_id, unnest(${p.textList(stored.traceIds)}) AS trace_id) AS k
       WHERE t.tenant_id = k.tenant_id AND t.trace_id = k.trace_id
         AND t.${start} BETWEEN ${p.us(stored.minStartUs)} AND ${p.us(stored.maxStartUs)}`,
      p.values,
      p.types,
    );
  }
}

/**
 * Writes sessions, replacing any stored revision of the same (tenant, trace) in the same
 * transaction, so a session amended by late spans is never counted twice nor missing. With
 * `exactRevisions` (the assembler's writes) only sessions of revision 2 and up are looked for in
 * `sessions`, so the common case (all new) is appends only: the rows and their rollup deltas,
 * summed here (kpi-rollup-deltas.ts).
 */
export async function saveSessions(
  connection: DuckDBConnection,
  sessions: readonly CallSession[],
  maxCallUs: number,
  exactRevisions: boolean,
): Promise<void> {
  if (sessions.length === 0) return;
  const latest = latestPerTrace(sessions);
  const replacing = exactRevisions ? latest.filter((s) => s.revision > 1) : latest;
  await inTransaction(connection, async () => {
    const stored = replacing.length > 0 ? await findStored(connection, replacing, maxCallUs) : null;
    if (stored) {
      // The replaced revisions leave the rollups before their rows go.
      const p = new SqlParams();
      await writeRollupDeltas(connection, sessionsWhere(stored.tenantIds, stored.traceIds, stored.minStartUs, stored.maxStartUs, p), p, -1);
      await deleteStored(connection, stored);
    }
    await appendColumns(connection, 'sessions', columnsOf(SESSION_COLUMNS, latest));
    await appendColumns(connection, 'work_items', columnsOf(WORK_ITEM_COLUMNS, childrenOf(latest, (s) => s.workItems)));
    await appendColumns(connection, 'connector_calls', columnsOf(CONNECTOR_CALL_COLUMNS, childrenOf(latest, (s) => s.connectorCalls)));
    const deltas = rollupDeltaColumns(latest, 1);
    await appendColumns(connection, 'kpi_rollups', deltas.kpis);
    await appendColumns(connection, 'kpi_duration_rollups', deltas.durations);
    await appendColumns(connection, 'kpi_work_item_rollups', deltas.workItems);
    await appendColumns(connection, 'kpi_tenant_duration_rollups', deltas.tenantDurations);
    await appendColumns(connection, 'kpi_tenant_minute_rollups', deltas.tenantMinutes);
  });
}
