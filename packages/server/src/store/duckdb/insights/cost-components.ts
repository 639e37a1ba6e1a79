import type { DuckDBConnection } from '@duckdb/node-api';
import type { CallFilter } from '../../../kpis/kpi-types.js';
import type { CostComponents } from '../../../insights/insight-types.js';
import { callFilterSql } from '../call-filter-sql.js';
import { num } from '../row-values.js';
import { SqlParams, queryRows } from '../sql-params.js';

const COMPONENTS = ['telephony', 'stt', 'llm', 'tts', 'connector', 'other'] as const;

/** What the window's calls cost per component, all calls and the escalated ones (exact sums). */
export async function costComponents(connection: DuckDBConnection, filter: CallFilter): Promise<CostComponents> {
  const p = new SqlParams();
  const sums = COMPONENTS.map(
    (c) =>
      `sum(cost_${c}_usd) AS ${c}, sum(cost_${c}_usd) FILTER (WHERE handled AND outcome = 'escalated') AS escalated_${c}`,
  ).join(', ');
  const rows = await queryRows(
    connection,
    `SELECT count(*) AS calls, ${sums} FROM sessions WHERE ${callFilterSql(filter, p)}`,
    p,
  );
  const row = rows[0] ?? {};
  const out: CostComponents = { calls: num(row.calls), components: [] };
  for (const c of COMPONENTS)
    out.components.push({ component: c, totalUsd: num(row[c]), escalatedUsd: num(row[`escalated_${c}`]) });
  return out;
}
