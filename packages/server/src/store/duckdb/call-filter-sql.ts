import type { CallFilter } from '../../kpis/kpi-types.js';
import type { SqlParams } from './sql-params.js';

/**
 * The WHERE clause of a CallFilter, with every value bound. A session belongs to the window of its
 * start: `start >= from AND start < to` (docs/kpis.md). `startColumn` is `start_us` on sessions
 * and `session_start_us` on connector_calls / work_items, which carry the same filter columns.
 */
export function callFilterSql(filter: CallFilter, p: SqlParams, startColumn = 'start_us'): string {
  const clauses = [
    `tenant_id = ${p.text(filter.tenantId)}`,
    `${startColumn} >= ${p.us(filter.fromUs)}`,
    `${startColumn} < ${p.us(filter.toUs)}`,
  ];
  if (filter.agentId !== undefined) clauses.push(`agent_id = ${p.text(filter.agentId)}`);
  if (filter.agentVersion !== undefined) clauses.push(`agent_version = ${p.text(filter.agentVersion)}`);
  if (filter.direction !== undefined) clauses.push(`direction = ${p.text(filter.direction)}`);
  if (filter.campaignId !== undefined) clauses.push(`campaign_id = ${p.text(filter.campaignId)}`);
  return clauses.join(' AND ');
}

/** Whether the filter narrows the calls by a dimension (agent, version, direction, campaign), not only by tenant and time. */
export function hasDimensionFilter(filter: CallFilter): boolean {
  return filter.agentId !== undefined || filter.agentVersion !== undefined || filter.direction !== undefined || filter.campaignId !== undefined;
}
