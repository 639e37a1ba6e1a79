import type { DuckDBConnection } from '@duckdb/node-api';
import { DIRECTIONS, OUTCOMES, isOneOf } from '@lumay/conventions';
import type { CallListItem, CallListPage, CallListQuery, CallSort } from '../../kpis/kpi-types.js';
import { callFilterSql } from './call-filter-sql.js';
import { decodeCallCursor, encodeCallCursor } from './call-cursor.js';
import { bool, num, str, strOrNull, type Row } from './row-values.js';
import { SqlParams, queryRows } from './sql-params.js';

export const MAX_PAGE_SIZE = 1000;

function itemFromRow(row: Row): CallListItem {
  const direction = str(row.direction);
  const outcome = str(row.outcome);
  const connectorCalls = num(row.connector_call_count);
  return {
    callId: str(row.call_id),
    traceId: str(row.trace_id),
    agentId: str(row.agent_id),
    agentVersion: str(row.agent_version),
    campaignId: str(row.campaign_id),
    direction: isOneOf(DIRECTIONS, direction) ? direction : 'inbound',
    startUs: num(row.start_us),
    durationMs: num(row.duration_ms),
    outcome: isOneOf(OUTCOMES, outcome) ? outcome : 'failed',
    outcomeInferred: bool(row.outcome_inferred),
    answeredBy: strOrNull(row.answered_by),
    escalationReason: str(row.escalation_reason),
    sentiment: strOrNull(row.sentiment),
    bottleneckStage: strOrNull(row.bottleneck_stage),
    connectorCalls,
    connectorFailures: connectorCalls - num(row.connector_success_count),
    totalCostUsd: num(row.cost_total_usd),
    correlationId: str(row.correlation_id),
  };
}

const SORT_COLUMNS: Record<CallSort, string> = { start: 'start_us', duration: 'duration_ms', cost: 'cost_total_usd' };

/**
 * Calls of a window, by default newest first; or by duration or cost, either way. Ties are broken by
 * trace id ascending, a total order as a trace has one session row, so keyset pagination works for
 * every order: the cursor is the last row's sort value and trace id, a page costs the same however
 * deep it is, and a call is never repeated or skipped between pages. `search` matches a call id,
 * trace id or correlation id exactly.
 */
export async function listCalls(connection: DuckDBConnection, query: CallListQuery): Promise<CallListPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit), 1), MAX_PAGE_SIZE);
  const p = new SqlParams();
  const clauses = [callFilterSql(query, p)];
  if (query.outcome !== undefined) clauses.push(`outcome = ${p.text(query.outcome)}`);
  if (query.search !== undefined && query.search !== '') {
    const search = p.text(query.search);
    clauses.push(`(call_id = ${search} OR trace_id = ${search} OR correlation_id = ${search})`);
  }
  if (query.escalationReason !== undefined && query.escalationReason !== '') clauses.push(`escalation_reason = ${p.text(query.escalationReason)}`);
  const sort = query.sort ?? 'start';
  const order = query.order ?? 'desc';
  const column = SORT_COLUMNS[sort];
  if (query.cursor !== undefined && query.cursor !== '') {
    const cursor = decodeCallCursor(query.cursor, sort, order);
    const value = sort === 'start' ? p.us(cursor.value) : p.double(cursor.value);
    const beyond = order === 'desc' ? '<' : '>';
    clauses.push(`(${column} ${beyond} ${value} OR (${column} = ${value} AND trace_id > ${p.text(cursor.traceId)}))`);
  }
  const rows = await queryRows(
    connection,
    `SELECT call_id, trace_id, agent_id, agent_version, campaign_id, direction, start_us, duration_ms, outcome,
            outcome_inferred, answered_by, escalation_reason, sentiment, bottleneck_stage, connector_call_count,
            connector_success_count, cost_total_usd, correlation_id
     FROM sessions WHERE ${clauses.join(' AND ')}
     ORDER BY ${column} ${order === 'desc' ? 'DESC' : 'ASC'}, trace_id ASC
     LIMIT ${p.int(limit + 1)}`,
    p,
  );
  const items = rows.slice(0, limit).map(itemFromRow);
  const last = items[items.length - 1];
  const valueOf = (item: CallListItem): number => (sort === 'start' ? item.startUs : sort === 'duration' ? item.durationMs : item.totalCostUsd);
  const nextCursor = rows.length > limit && last ? encodeCallCursor({ sort, order, value: valueOf(last), traceId: last.traceId }) : null;
  return { items, nextCursor };
}
