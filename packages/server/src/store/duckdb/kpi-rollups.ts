import type { DuckDBConnection } from '@duckdb/node-api';
import { BUCKET_SQL } from './duration-histogram.js';
import { MEASURE_COLUMNS_SQL, SUMMED_MEASURES_SQL, signedMeasuresSql } from './kpi-aggregates.js';
import { tenantMinuteDelta } from './kpi-minute-rollups.js';
import { SqlParams } from './sql-params.js';
import { inTransaction } from './in-transaction.js';

/*
 * Pre-aggregated KPIs, so the overview reads a few hundred rows instead of every call (docs/performance.md).
 *
 * Three tables, one row per (tenant, UTC hour of session start, agent, version, direction,
 * campaign) and change: the additive measures of kpi-aggregates.ts, a duration histogram
 * (duration-histogram.ts) and work items by type. A fourth holds the histogram per tenant and hour
 * alone: a window without a dimension filter (the console's default) reads it instead of the
 * per-dimension one, about ten times as many rows (256k rows for 30 days of 1M calls), which was the
 * largest part of the overview's time. They are written as signed deltas in the same
 * transaction as the sessions they summarise: + for a stored session, − for a revision it replaces
 * (and around a re-pricing), so they always equal an aggregate of the stored sessions. Deltas of one
 * key pile up; compactRollups merges each key's rows into one from time to time.
 *
 * A fifth holds the measures alone per tenant and UTC minute: kpi-minute-rollups.ts.
 */

export const HOUR_US = 3_600_000_000;

const KEY_COLUMNS = ['tenant_id', 'hour_us', 'agent_id', 'agent_version', 'direction', 'campaign_id'] as const;

export const ROLLUP_TABLES_SQL: readonly string[] = [
  `CREATE TABLE kpi_rollups (
    tenant_id VARCHAR NOT NULL, hour_us BIGINT NOT NULL, agent_id VARCHAR NOT NULL, agent_version VARCHAR NOT NULL,
    direction VARCHAR NOT NULL, campaign_id VARCHAR NOT NULL,
    ${MEASURE_COLUMNS_SQL}
  )`,
  `CREATE TABLE kpi_duration_rollups (
    tenant_id VARCHAR NOT NULL, hour_us BIGINT NOT NULL, agent_id VARCHAR NOT NULL, agent_version VARCHAR NOT NULL,
    direction VARCHAR NOT NULL, campaign_id VARCHAR NOT NULL, bucket INTEGER NOT NULL, handled BIGINT NOT NULL
  )`,
  `CREATE TABLE kpi_work_item_rollups (
    tenant_id VARCHAR NOT NULL, hour_us BIGINT NOT NULL, agent_id VARCHAR NOT NULL, agent_version VARCHAR NOT NULL,
    direction VARCHAR NOT NULL, campaign_id VARCHAR NOT NULL, type VARCHAR NOT NULL, items BIGINT NOT NULL
  )`,
];

export const TENANT_DURATION_ROLLUPS_SQL = `CREATE TABLE kpi_tenant_duration_rollups (
    tenant_id VARCHAR NOT NULL, hour_us BIGINT NOT NULL, bucket INTEGER NOT NULL, handled BIGINT NOT NULL
  )`;

const hourOf = (column: string): string => `(${column} // ${HOUR_US}) * ${HOUR_US}`;

/**
 * The statements that add `sign` × the rollups of the sessions `where` selects (a predicate over
 * `sessions` with `$n` placeholders bound by `params`; work items are matched by tenant and trace).
 * `perTenant: false` leaves out the per-tenant tables, which the migration that made the other
 * three did not have yet.
 */
export function deltaStatements(where: string, sign: 1 | -1, { perTenant = true } = {}): string[] {
  const keys = `tenant_id, ${hourOf('start_us')} AS hour_us, agent_id, agent_version, direction, campaign_id`;
  const perTenantStatements = perTenant
    ? [
        `INSERT INTO kpi_tenant_duration_rollups SELECT tenant_id, ${hourOf('start_us')} AS hour_us, ${BUCKET_SQL} AS bucket, ${sign} * count(*)
     FROM sessions WHERE handled AND (${where}) GROUP BY ALL`,
        tenantMinuteDelta(where, sign),
      ]
    : [];
  return [
    `INSERT INTO kpi_rollups SELECT ${keys}, ${signedMeasuresSql(sign)}
     FROM sessions WHERE ${where} GROUP BY ALL`,
    `INSERT INTO kpi_duration_rollups SELECT ${keys}, ${BUCKET_SQL} AS bucket, ${sign} * count(*)
     FROM sessions WHERE handled AND (${where}) GROUP BY ALL`,
    `INSERT INTO kpi_work_item_rollups
     SELECT w.tenant_id, ${hourOf('w.session_start_us')} AS hour_us, w.agent_id, w.agent_version, w.direction, w.campaign_id, w.type, ${sign} * count(*)
     FROM work_items w SEMI JOIN (SELECT tenant_id, trace_id, start_us FROM sessions WHERE ${where}) s
       ON w.tenant_id = s.tenant_id AND w.trace_id = s.trace_id AND w.session_start_us = s.start_us
     GROUP BY ALL`,
    ...perTenantStatements,
  ];
}

/** Adds (sign 1) or removes (sign −1) the sessions `where` selects from the rollups. */
export async function writeRollupDeltas(
  connection: DuckDBConnection,
  where: string,
  params: SqlParams,
  sign: 1 | -1,
): Promise<void> {
  for (const statement of deltaStatements(where, sign)) await connection.run(statement, params.values, params.types);
}

/** The rollups of every stored session, into every rollup table. */
export const BACKFILL_ROLLUPS_SQL: readonly string[] = deltaStatements('true', 1);
/** The same into the three tables of the migration that added rollups (frozen with it). */
export const BACKFILL_FIRST_ROLLUPS_SQL: readonly string[] = deltaStatements('true', 1, { perTenant: false });
/** How the migration that adds kpi_tenant_duration_rollups fills it: from the per-dimension histogram. */
export const BACKFILL_TENANT_DURATIONS_SQL = `INSERT INTO kpi_tenant_duration_rollups
  SELECT tenant_id, hour_us, bucket, sum(handled) FROM kpi_duration_rollups GROUP BY ALL HAVING sum(handled) <> 0`;

/** A rollup table, its time column and the SELECT of its rows `since` merged per key. */
interface Compaction {
  table: string;
  time: string;
  compacted: (since: string) => string;
}

/**
 * Merges every key's delta rows of the hours from `sinceUs` on into one row (and drops keys that
 * cancel out), in one transaction on the writer. Run periodically; the answer never changes.
 */
export async function compactRollups(connection: DuckDBConnection, sinceUs: number): Promise<void> {
  const keys = KEY_COLUMNS.join(', ');
  const grouped = (table: string, keys: string, sums: string, having: string, time = 'hour_us'): Compaction => ({
    table,
    time,
    compacted: (since) => `SELECT ${keys}, ${sums} FROM ${table} WHERE ${since} GROUP BY ALL HAVING ${having}`,
  });
  const tables: Compaction[] = [
    grouped('kpi_rollups', keys, SUMMED_MEASURES_SQL, 'sum(calls) <> 0'),
    grouped('kpi_duration_rollups', `${keys}, bucket`, 'sum(handled) AS handled', 'sum(handled) <> 0'),
    grouped('kpi_work_item_rollups', `${keys}, type`, 'sum(items) AS items', 'sum(items) <> 0'),
    grouped('kpi_tenant_duration_rollups', 'tenant_id, hour_us, bucket', 'sum(handled) AS handled', 'sum(handled) <> 0'),
    grouped('kpi_tenant_minute_rollups', 'tenant_id, minute_us', SUMMED_MEASURES_SQL, 'sum(calls) <> 0', 'minute_us'),
  ];
  await inTransaction(connection, async () => {
    for (const t of tables) {
      const p = new SqlParams();
      const since = `${t.time} >= ${p.us(sinceUs)}`;
      await connection.run(`CREATE OR REPLACE TEMP TABLE compacted AS ${t.compacted(since)}`, p.values, p.types);
      await connection.run(`DELETE FROM ${t.table} WHERE ${since}`, p.values, p.types);
      // In time order, so a window's reads skip the row groups outside it (the minute table grows
      // by 43,200 rows a tenant a month).
      await connection.run(`INSERT INTO ${t.table} SELECT * FROM compacted ORDER BY ${t.time}`);
      await connection.run('DROP TABLE compacted');
    }
  });
}
