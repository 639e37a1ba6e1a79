/**
 * The engine's tables, in a schema of its own (`VOICE_ENGINE_PG_SCHEMA`). Created at start-up if
 * missing; `schema` is checked to be a plain identifier by config.ts before it reaches this DDL.
 */
export function schemaStatements(schema: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE IF NOT EXISTS ${schema}.calls (
      call_sid text PRIMARY KEY,
      trace_id text NOT NULL,
      correlation_id text NOT NULL,
      direction text NOT NULL,
      caller_hash text,
      scenario text NOT NULL,
      status text NOT NULL,
      outcome text,
      escalation_reason text,
      end_reason text,
      sentiment text,
      turns integer NOT NULL DEFAULT 0,
      started_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz
    )`,
    `CREATE INDEX IF NOT EXISTS calls_started_at ON ${schema}.calls (started_at DESC)`,
    `CREATE TABLE IF NOT EXISTS ${schema}.turns (
      call_sid text NOT NULL REFERENCES ${schema}.calls (call_sid),
      number integer NOT NULL,
      caller_text text NOT NULL,
      agent_text text,
      PRIMARY KEY (call_sid, number)
    )`,
    `CREATE TABLE IF NOT EXISTS ${schema}.connector_calls (
      id bigserial PRIMARY KEY,
      call_sid text NOT NULL REFERENCES ${schema}.calls (call_sid),
      connector text NOT NULL,
      operation text NOT NULL,
      success boolean NOT NULL,
      error_type text,
      retries integer NOT NULL,
      duration_ms double precision NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${schema}.work_items (
      id bigserial PRIMARY KEY,
      call_sid text NOT NULL REFERENCES ${schema}.calls (call_sid),
      type text NOT NULL,
      external_id text NOT NULL,
      system text NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${schema}.tickets (
      id text PRIMARY KEY,
      call_sid text NOT NULL,
      subject text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE IF NOT EXISTS ${schema}.call_summaries (
      call_sid text PRIMARY KEY,
      summary text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  ];
}
