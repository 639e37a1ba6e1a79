import type { DuckDBConnection } from '@duckdb/node-api';
import { OUTCOMES, STAGES, isOneOf, type Stage } from '@lumay/conventions';
import type { CallFilter } from '../../../kpis/kpi-types.js';
import type { InsightCallRow } from '../../../insights/insight-types.js';
import { callFilterSql } from '../call-filter-sql.js';
import { bool, num, numOrNull, str, strOrNull, type Row } from '../row-values.js';
import { SqlParams, queryRows } from '../sql-params.js';

/** Beyond this many sessions in one window the insights would cost too much memory; ask for a narrower window. */
export const MAX_INSIGHT_ROWS = 200_000;

function stageMsOf(row: Row): Partial<Record<Stage, number>> {
  const out: Partial<Record<Stage, number>> = {};
  for (const stage of STAGES) {
    const ms = numOrNull(row[`${stage}_total_ms`]);
    if (ms !== null) out[stage] = ms;
  }
  return out;
}

function names(value: Row[string]): string[] {
  const text = strOrNull(value);
  return text === null || text === '' ? [] : text.split('\u001f');
}

/**
 * One narrow row per session of the window, with the distinct connectors that were called and
 * that failed in it (aggregated from connector_calls, which carries the same filter columns).
 * Sorted by start so bucketed computations read in time order.
 */
export async function insightRows(connection: DuckDBConnection, filter: CallFilter): Promise<InsightCallRow[]> {
  const p = new SqlParams();
  const sessionWhere = callFilterSql(filter, p);
  const connectorWhere = callFilterSql(filter, p, 'session_start_us');
  const stageColumns = STAGES.map((s) => `s.${s}_total_ms`).join(', ');
  const rows = await queryRows(
    connection,
    `WITH cc AS (
       SELECT trace_id,
              string_agg(DISTINCT connector, chr(31) ORDER BY connector) AS called,
              string_agg(DISTINCT connector, chr(31) ORDER BY connector) FILTER (WHERE NOT success) AS failed
       FROM connector_calls WHERE ${connectorWhere} GROUP BY trace_id
     )
     SELECT s.call_id, s.start_us, s.agent_version, s.outcome, s.handled, s.escalation_reason, s.sentiment,
            s.duration_ms, s.cost_total_usd, s.bottleneck_stage, ${stageColumns}, cc.called, cc.failed
     FROM (SELECT * FROM sessions WHERE ${sessionWhere}) s LEFT JOIN cc ON cc.trace_id = s.trace_id
     ORDER BY s.start_us, s.trace_id
     LIMIT ${MAX_INSIGHT_ROWS + 1}`,
    p,
  );
  if (rows.length > MAX_INSIGHT_ROWS) {
    throw new RangeError(`more than ${MAX_INSIGHT_ROWS} calls in the window`);
  }
  return rows.map((row) => {
    const outcome = str(row.outcome);
    const bottleneck = strOrNull(row.bottleneck_stage);
    return {
      callId: str(row.call_id),
      startUs: num(row.start_us),
      agentVersion: str(row.agent_version),
      outcome: isOneOf(OUTCOMES, outcome) ? outcome : 'failed',
      handled: bool(row.handled),
      escalationReason: str(row.escalation_reason),
      sentiment: strOrNull(row.sentiment),
      durationMs: num(row.duration_ms),
      totalCostUsd: num(row.cost_total_usd),
      bottleneckStage: bottleneck !== null && isOneOf(STAGES, bottleneck) ? bottleneck : null,
      stageMs: stageMsOf(row),
      failedConnectors: names(row.failed),
      calledConnectors: names(row.called),
    };
  });
}
