import type { DuckDBConnection } from '@duckdb/node-api';
import type { CallFilter } from '../../kpis/kpi-types.js';
import type { SurveyResponse } from '../../kpis/survey-types.js';
import { callFilterSql } from './call-filter-sql.js';
import { SqlParams, queryRows } from './sql-params.js';
import type { Row } from './row-values.js';
import type { SurveyTenants } from './survey-tenants.js';

/** Stores a result; one per (call, kind), so a resubmission replaces the earlier one. */
export async function saveSurvey(connection: DuckDBConnection, s: SurveyResponse): Promise<void> {
  const p = new SqlParams();
  await connection.run(
    `INSERT OR REPLACE INTO surveys VALUES (${p.text(s.tenantId)}, ${p.text(s.matchOn)}, ${p.text(s.matchKey)}, ${p.text(s.kind)},
       ${p.double(s.score)}, ${p.us(s.respondedAtUs)}, ${p.us(s.receivedAtUs)}, ${p.text(s.source)})`,
    p.values,
    p.types,
  );
}

/** The survey aggregates of kpi-aggregates.ts' `surveysOf`. */
const SURVEY_AGGREGATES_SQL = `
  count_if(kind = 'csat') AS csat_responses,
  count_if(kind = 'csat' AND score >= 4) AS csat_satisfied,
  avg(CASE WHEN kind = 'csat' THEN score END) AS csat_average,
  count_if(kind = 'nps') AS nps_responses,
  count_if(kind = 'nps' AND score >= 9) AS nps_promoters,
  count_if(kind = 'nps' AND score >= 7 AND score < 9) AS nps_passives,
  count_if(kind = 'nps' AND score < 7) AS nps_detractors`;

/**
 * Survey results of the sessions a filter selects, joined at query time (a result may arrive
 * before its call is stored, or days after), per bucket of session start when `bucketUs` is given.
 * Two equi-joins (by call id, by correlation id) rather than one OR-join, which DuckDB would run as
 * a nested loop.
 */
export async function surveyAggregates(
  connection: DuckDBConnection,
  filter: CallFilter,
  bucketUs: number | null,
  tenants: SurveyTenants,
): Promise<Row[]> {
  // Most tenants post no surveys: then the sessions of the window are not scanned at all.
  if (!(await tenants.has(connection, filter.tenantId))) return [];
  const p = new SqlParams();
  const where = callFilterSql(filter, p);
  const tenant = p.text(filter.tenantId);
  const bucket = bucketUs === null ? '' : `(start_us // ${p.us(bucketUs)}) * ${p.us(bucketUs)} AS bucket_start_us,`;
  return queryRows(
    connection,
    `WITH s AS (SELECT call_id, correlation_id, start_us FROM sessions WHERE ${where}),
          v AS (SELECT match_on, match_key, kind, score FROM surveys WHERE tenant_id = ${tenant}),
          m AS (SELECT v.kind, v.score, s.start_us FROM v JOIN s ON v.match_on = 'call_id' AND s.call_id = v.match_key
                UNION ALL
                SELECT v.kind, v.score, s.start_us FROM v JOIN s ON v.match_on = 'correlation_id' AND s.correlation_id = v.match_key)
     SELECT ${bucket} ${SURVEY_AGGREGATES_SQL} FROM m ${bucketUs === null ? '' : 'GROUP BY bucket_start_us'}`,
    p,
  );
}
