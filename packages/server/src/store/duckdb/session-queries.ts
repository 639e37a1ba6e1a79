import type { DuckDBConnection } from '@duckdb/node-api';
import type { CallSession } from '../../model/call-session.js';
import type { CallDetail } from '../store.js';
import { inTransaction } from './in-transaction.js';
import { str, type Row } from './row-values.js';
import { connectorCallFromRow, sessionFromRow } from './session-from-row.js';
import { SqlParams, queryRows } from './sql-params.js';
import { logsOfTrace, spansOfTrace } from './telemetry-queries.js';

async function rebuild(connection: DuckDBConnection, row: Row): Promise<CallSession> {
  const p = new SqlParams();
  const calls = await queryRows(
    connection,
    `SELECT * FROM connector_calls WHERE tenant_id = ${p.text(str(row.tenant_id))} AND trace_id = ${p.text(str(row.trace_id))}
     ORDER BY ordinal`,
    p,
  );
  return sessionFromRow(row, calls.map(connectorCallFromRow));
}

export function sessionOfTrace(connection: DuckDBConnection, tenantId: string, traceId: string): Promise<CallSession | null> {
  return inTransaction(connection, () => sessionInSnapshot(connection, tenantId, traceId));
}

async function sessionInSnapshot(connection: DuckDBConnection, tenantId: string, traceId: string): Promise<CallSession | null> {
  const p = new SqlParams();
  const [row] = await queryRows(
    connection,
    `SELECT * FROM sessions WHERE tenant_id = ${p.text(tenantId)} AND trace_id = ${p.text(traceId)}
     ORDER BY revision DESC LIMIT 1`,
    p,
  );
  return row ? rebuild(connection, row) : null;
}

/**
 * A call of `tenantId` by call id or trace id, with its spans and logs. Every lookup is scoped by
 * tenant, so another tenant's id finds nothing. Should a call id be reused by two traces, the one
 * that started last wins.
 */
export function getCall(connection: DuckDBConnection, tenantId: string, callIdOrTraceId: string): Promise<CallDetail | null> {
  return inTransaction(connection, () => callInSnapshot(connection, tenantId, callIdOrTraceId));
}

async function callInSnapshot(connection: DuckDBConnection, tenantId: string, callIdOrTraceId: string): Promise<CallDetail | null> {
  const p = new SqlParams();
  const id = p.text(callIdOrTraceId);
  const [row] = await queryRows(
    connection,
    `SELECT * FROM sessions WHERE tenant_id = ${p.text(tenantId)} AND (trace_id = ${id} OR call_id = ${id})
     ORDER BY (trace_id = ${id}) DESC, start_us DESC, revision DESC LIMIT 1`,
    p,
  );
  if (!row) return null;
  const session = await rebuild(connection, row);
  const spans = await spansOfTrace(connection, tenantId, session.traceId);
  const logs = await logsOfTrace(connection, tenantId, session.traceId);
  return { session, spans, logs };
}

/** (tenant, trace) of sessions finalised at or after `sinceUs`. */
export async function recentCompletedTraces(
  connection: DuckDBConnection,
  sinceUs: number,
): Promise<{ tenantId: string; traceId: string }[]> {
  const p = new SqlParams();
  const found = await queryRows(
    connection,
    `SELECT DISTINCT tenant_id, trace_id FROM sessions WHERE completed_at_us >= ${p.us(sinceUs)} ORDER BY tenant_id, trace_id`,
    p,
  );
  return found.map((row) => ({ tenantId: str(row.tenant_id), traceId: str(row.trace_id) }));
}
