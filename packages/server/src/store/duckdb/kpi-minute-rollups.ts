import { MEASURE_COLUMNS_SQL, signedMeasuresSql } from './kpi-aggregates.js';

/*
 * The measures per tenant and UTC minute of session start. The console's windows end on a minute,
 * 30 days before now and now, so both of their partial hours were aggregated from sessions; when a
 * window has no dimension filter, the whole minutes of those hours are read from here instead.
 * Over 10M calls an edge hour of 11k sessions took 8 ms to aggregate, its minutes 2.8 ms; the
 * console window's overview went from 61 to 33 ms (scratch harness, same store). At most 43,200
 * rows a tenant a month. Written as signed deltas like the hourly rollups (kpi-rollups.ts).
 *
 * The duration histogram and work items have no minute table: with them as lists per minute
 * (measured), reading the edges cost the same as aggregating the sessions, since a statement's
 * fixed cost (planning, pipelines: about 3 ms here) dominates either way, for 60 histogram rows a
 * minute to store and a backfill that needed care to fit DuckDB's memory.
 */

export const MINUTE_US = 60_000_000;

export const TENANT_MINUTE_ROLLUPS_SQL = `CREATE TABLE kpi_tenant_minute_rollups (
    tenant_id VARCHAR NOT NULL, minute_us BIGINT NOT NULL,
    ${MEASURE_COLUMNS_SQL}
  )`;

/** Adds `sign` × the minute rollups of the sessions `where` selects (kpi-rollups.ts' deltaStatements). */
export function tenantMinuteDelta(where: string, sign: 1 | -1): string {
  return `INSERT INTO kpi_tenant_minute_rollups
  SELECT tenant_id, (start_us // ${MINUTE_US}) * ${MINUTE_US} AS minute_us, ${signedMeasuresSql(sign)}
  FROM sessions WHERE ${where} GROUP BY ALL`;
}

/** How the migration that adds kpi_tenant_minute_rollups fills it: from the stored sessions. */
export const BACKFILL_TENANT_MINUTES_SQL = tenantMinuteDelta('true', 1);
