import type { DuckDBConnection } from '@duckdb/node-api';
import { BIGINT, INTEGER, VARCHAR } from '@duckdb/node-api';
import { inTransaction } from './in-transaction.js';
import {
  BACKFILL_FIRST_ROLLUPS_SQL,
  BACKFILL_TENANT_DURATIONS_SQL,
  ROLLUP_TABLES_SQL,
  TENANT_DURATION_ROLLUPS_SQL,
} from './kpi-rollups.js';
import { BACKFILL_TENANT_MINUTES_SQL, TENANT_MINUTE_ROLLUPS_SQL } from './kpi-minute-rollups.js';
import { toBigInt } from './row-values.js';

export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/*
 * Timestamps are BIGINT microseconds since the Unix epoch, not TIMESTAMP: the records already
 * carry µs as numbers, so the ingest path appends them without building timestamp values, and
 * hour/day buckets are exact integer arithmetic (`start_us // bucket * bucket`) that is UTC by
 * construction (Unix time has no leap seconds or zones).
 *
 * The big tables (spans, logs, sessions, connector_calls, work_items) have no primary key or
 * unique index: an ART index slows every append and lives in memory. The writer deduplicates
 * (saveSessions replaces a trace's rows in one transaction). tenants and api_keys are tiny and
 * keep their keys.
 *
 * Filter columns (agent, version, direction, campaign, session start) are copied onto
 * connector_calls and work_items so their KPIs filter without joining sessions.
 */
const INITIAL_SCHEMA: readonly string[] = [
  `CREATE TABLE tenants (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    human_cost_per_call_usd DOUBLE,
    created_at_us BIGINT NOT NULL
  )`,
  `CREATE TABLE api_keys (
    id VARCHAR PRIMARY KEY,
    tenant_id VARCHAR NOT NULL,
    hash VARCHAR NOT NULL UNIQUE,
    scopes VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    created_at_us BIGINT NOT NULL,
    revoked_at_us BIGINT
  )`,
  `CREATE TABLE spans (
    tenant_id VARCHAR NOT NULL,
    trace_id VARCHAR NOT NULL,
    span_id VARCHAR NOT NULL,
    parent_span_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind INTEGER NOT NULL,
    start_us BIGINT NOT NULL,
    end_us BIGINT NOT NULL,
    status_code INTEGER NOT NULL,
    status_message VARCHAR NOT NULL,
    service_name VARCHAR NOT NULL,
    scope_name VARCHAR NOT NULL,
    attributes VARCHAR NOT NULL,
    events VARCHAR NOT NULL,
    resource_attributes VARCHAR NOT NULL
  )`,
  `CREATE TABLE logs (
    tenant_id VARCHAR NOT NULL,
    trace_id VARCHAR NOT NULL,
    span_id VARCHAR NOT NULL,
    time_us BIGINT NOT NULL,
    severity_number INTEGER NOT NULL,
    severity_text VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    attributes VARCHAR NOT NULL,
    service_name VARCHAR NOT NULL,
    resource_attributes VARCHAR NOT NULL
  )`,
  `CREATE TABLE sessions (
    tenant_id VARCHAR NOT NULL,
    trace_id VARCHAR NOT NULL,
    call_id VARCHAR NOT NULL,
    service_name VARCHAR NOT NULL,
    agent_id VARCHAR NOT NULL,
    agent_name VARCHAR NOT NULL,
    agent_version VARCHAR NOT NULL,
    campaign_id VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    start_us BIGINT NOT NULL,
    end_us BIGINT NOT NULL,
    duration_ms DOUBLE NOT NULL,
    outcome VARCHAR NOT NULL,
    outcome_inferred BOOLEAN NOT NULL,
    answered_by VARCHAR,
    handled BOOLEAN NOT NULL,
    escalation_reason VARCHAR NOT NULL,
    end_reason VARCHAR NOT NULL,
    correlation_id VARCHAR NOT NULL,
    caller_hash VARCHAR NOT NULL,
    sentiment VARCHAR,
    sentiment_score DOUBLE,
    turns INTEGER NOT NULL,
    span_count INTEGER NOT NULL,
    telephony_count INTEGER, telephony_total_ms DOUBLE, telephony_max_ms DOUBLE,
    stt_count INTEGER, stt_total_ms DOUBLE, stt_max_ms DOUBLE,
    llm_count INTEGER, llm_total_ms DOUBLE, llm_max_ms DOUBLE,
    connector_count INTEGER, connector_total_ms DOUBLE, connector_max_ms DOUBLE,
    tts_count INTEGER, tts_total_ms DOUBLE, tts_max_ms DOUBLE,
    transfer_count INTEGER, transfer_total_ms DOUBLE, transfer_max_ms DOUBLE,
    bottleneck_stage VARCHAR,
    connector_call_count INTEGER NOT NULL,
    connector_success_count INTEGER NOT NULL,
    work_item_count INTEGER NOT NULL,
    work_items VARCHAR NOT NULL,
    business_events VARCHAR NOT NULL,
    usage_stt_audio_seconds DOUBLE NOT NULL,
    usage_input_tokens BIGINT NOT NULL,
    usage_output_tokens BIGINT NOT NULL,
    usage_cached_input_tokens BIGINT NOT NULL,
    usage_tts_characters BIGINT NOT NULL,
    usage_telephony_seconds DOUBLE NOT NULL,
    cost_telephony_usd DOUBLE NOT NULL,
    cost_stt_usd DOUBLE NOT NULL,
    cost_llm_usd DOUBLE NOT NULL,
    cost_tts_usd DOUBLE NOT NULL,
    cost_connector_usd DOUBLE NOT NULL,
    cost_other_usd DOUBLE NOT NULL,
    cost_total_usd DOUBLE NOT NULL,
    cost_stated BOOLEAN NOT NULL,
    complete BOOLEAN NOT NULL,
    completed_at_us BIGINT NOT NULL,
    revision INTEGER NOT NULL
  )`,
  `CREATE TABLE connector_calls (
    tenant_id VARCHAR NOT NULL,
    trace_id VARCHAR NOT NULL,
    call_id VARCHAR NOT NULL,
    session_start_us BIGINT NOT NULL,
    agent_id VARCHAR NOT NULL,
    agent_version VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    campaign_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    span_id VARCHAR NOT NULL,
    connector VARCHAR NOT NULL,
    operation VARCHAR NOT NULL,
    success BOOLEAN NOT NULL,
    start_us BIGINT NOT NULL,
    duration_ms DOUBLE NOT NULL,
    error_type VARCHAR NOT NULL,
    retries INTEGER NOT NULL,
    timed_out BOOLEAN NOT NULL
  )`,
  `CREATE TABLE work_items (
    tenant_id VARCHAR NOT NULL,
    trace_id VARCHAR NOT NULL,
    call_id VARCHAR NOT NULL,
    session_start_us BIGINT NOT NULL,
    agent_id VARCHAR NOT NULL,
    agent_version VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    campaign_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    item_id VARCHAR NOT NULL,
    system VARCHAR NOT NULL,
    span_id VARCHAR NOT NULL
  )`,
];

/*
 * Price books: one row per version of a tenant's book, effective from a date. Sessions keep their
 * usage as a price book prices it (JSON), so a version dated in the past re-prices the calls it
 * covers without their raw spans (which retention may have deleted). NULL on rows written before.
 */
const PRICE_BOOKS: readonly string[] = [
  `CREATE TABLE price_book_versions (
    tenant_id VARCHAR NOT NULL,
    effective_from_us BIGINT NOT NULL,
    entries VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    created_at_us BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, effective_from_us)
  )`,
  'ALTER TABLE sessions ADD COLUMN priceable_usage VARCHAR',
];

/*
 * Survey results (CSAT, NPS) arrive minutes or days after their call, keyed by call id or
 * correlation id, possibly before the call is stored: they are kept as sent and joined to
 * sessions at query time. One result per (call, kind): a resubmission replaces it.
 * Appointment attempts and bookings are per-session flags; connector calls keep their kind.
 */
const SURVEYS_AND_APPOINTMENTS: readonly string[] = [
  `CREATE TABLE surveys (
    tenant_id VARCHAR NOT NULL,
    match_on VARCHAR NOT NULL,
    match_key VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    responded_at_us BIGINT NOT NULL,
    received_at_us BIGINT NOT NULL,
    source VARCHAR NOT NULL,
    PRIMARY KEY (tenant_id, match_on, match_key, kind)
  )`,
  'ALTER TABLE sessions ADD COLUMN appointment_attempted BOOLEAN',
  'ALTER TABLE sessions ADD COLUMN appointment_booked BOOLEAN',
  'ALTER TABLE connector_calls ADD COLUMN kind VARCHAR',
];

/*
 * Tenant-defined KPIs: the definition as JSON (validated before it is stored); sessions keep the
 * root span's scalar attributes so a definition can filter on the tenant's own dimensions.
 */
const TENANT_KPIS: readonly string[] = [
  `CREATE TABLE tenant_kpis (
    tenant_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    definition VARCHAR NOT NULL,
    created_at_us BIGINT NOT NULL,
    updated_at_us BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  )`,
  'ALTER TABLE sessions ADD COLUMN root_attributes VARCHAR',
];

/*
 * Raw telemetry as the export requests that carried it (raw-exports.ts): one row per request, and
 * one index row per (request, trace) with the trace's earliest start in it. New writes go here;
 * `spans` and `logs` keep the rows of earlier releases and are still read.
 */
const RAW_EXPORTS: readonly string[] = [
  `CREATE TABLE raw_exports (
    id BIGINT NOT NULL,
    tenant_id VARCHAR NOT NULL,
    signal VARCHAR NOT NULL,
    encoding VARCHAR NOT NULL,
    compression VARCHAR NOT NULL,
    received_at_us BIGINT NOT NULL,
    min_start_us BIGINT NOT NULL,
    body BLOB NOT NULL
  )`,
  `CREATE TABLE raw_export_traces (
    tenant_id VARCHAR NOT NULL,
    trace_id VARCHAR NOT NULL,
    export_id BIGINT NOT NULL,
    signal VARCHAR NOT NULL,
    min_start_us BIGINT NOT NULL
  )`,
];

/** Ordered; each step runs once, in its own transaction. Never edit a released step: add one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', statements: INITIAL_SCHEMA },
  { version: 2, name: 'price books', statements: PRICE_BOOKS },
  { version: 3, name: 'surveys and appointments', statements: SURVEYS_AND_APPOINTMENTS },
  { version: 4, name: 'tenant KPIs', statements: TENANT_KPIS },
  {
    version: 5,
    name: 'transcript sentiment',
    statements: [
      'ALTER TABLE sessions ADD COLUMN sentiment_source VARCHAR',
      'ALTER TABLE sessions ADD COLUMN sentiment_trajectory VARCHAR',
      'ALTER TABLE sessions ADD COLUMN sentiment_start_score DOUBLE',
    ],
  },
  { version: 6, name: 'raw exports', statements: RAW_EXPORTS },
  // Rollups are defined by KPI_MEASURES: a change to the measures needs a step that rebuilds them.
  { version: 7, name: 'KPI rollups', statements: [...ROLLUP_TABLES_SQL, ...BACKFILL_FIRST_ROLLUPS_SQL] },
  { version: 8, name: 'duration rollups per tenant', statements: [TENANT_DURATION_ROLLUPS_SQL, BACKFILL_TENANT_DURATIONS_SQL] },
  { version: 9, name: 'KPI rollups per tenant and minute', statements: [TENANT_MINUTE_ROLLUPS_SQL, BACKFILL_TENANT_MINUTES_SQL] },
];

/**
 * Brings the database up to the newest schema and returns the versions it applied. Refuses a
 * database written by a newer release (its schema is unknown to this code).
 */
export async function migrate(
  connection: DuckDBConnection,
  nowUs: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await connection.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at_us BIGINT NOT NULL
  )`);
  const reader = await connection.runAndReadAll('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  const current = Number(reader.getRowObjects()[0]?.v ?? 0);
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new Error(`the database is at schema version ${current}, newer than this release knows (${newest}); upgrade the plane`);
  }
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    await inTransaction(connection, async () => {
      for (const statement of migration.statements) await connection.run(statement);
      await connection.run(
        'INSERT INTO schema_migrations VALUES ($1, $2, $3)',
        [migration.version, migration.name, toBigInt(nowUs)],
        [INTEGER, VARCHAR, BIGINT],
      );
    });
    applied.push(migration.version);
  }
  return applied;
}
