import type { Outcome } from '@lumay/conventions';
import { schemaStatements } from './schema.js';

/** The one method of `pg.Pool` the store uses (structural, so tests and callers need no driver types). */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface NewCall {
  callSid: string;
  traceId: string;
  correlationId: string;
  direction: string;
  callerHash: string | undefined;
  scenario: string;
}

export interface CallEnd {
  outcome: Outcome;
  escalationReason?: string;
  endReason: string;
  sentiment?: string;
  turns: number;
}

export interface ConnectorRecord {
  connector: string;
  operation: string;
  success: boolean;
  errorType: string | undefined;
  retries: number;
  durationMs: number;
}

export interface EngineStats {
  completed: number;
  inProgress: number;
  outcomes: Record<string, number>;
  connectorCalls: number;
  connectorSuccesses: number;
  connectors: Record<string, { calls: number; successes: number }>;
  workItems: Record<string, number>;
}

/**
 * Call state in PostgreSQL: one row per call, its turns, connector calls and the work items it
 * created. Every method is one statement, so each shows as one query span in the call's trace.
 */
export class CallStore {
  constructor(
    private readonly db: Queryable,
    private readonly schema: string,
  ) {}

  async migrate(): Promise<void> {
    for (const statement of schemaStatements(this.schema)) await this.db.query(statement);
  }

  /** False when the call already exists: Twilio retries a webhook it got no answer to. */
  async insertCall(call: NewCall): Promise<boolean> {
    const result = await this.db.query(
      `INSERT INTO ${this.schema}.calls (call_sid, trace_id, correlation_id, direction, caller_hash, scenario, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'in-progress') ON CONFLICT (call_sid) DO NOTHING`,
      [call.callSid, call.traceId, call.correlationId, call.direction, call.callerHash ?? null, call.scenario],
    );
    return result.rowCount === 1;
  }

  async recordTurn(callSid: string, number: number, callerText: string, agentText: string | undefined): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.schema}.turns (call_sid, number, caller_text, agent_text) VALUES ($1, $2, $3, $4)
       ON CONFLICT (call_sid, number) DO UPDATE SET agent_text = EXCLUDED.agent_text`,
      [callSid, number, callerText, agentText ?? null],
    );
  }

  async recordConnectorCall(callSid: string, record: ConnectorRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.schema}.connector_calls (call_sid, connector, operation, success, error_type, retries, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [callSid, record.connector, record.operation, record.success, record.errorType ?? null, record.retries, record.durationMs],
    );
  }

  async recordWorkItem(callSid: string, type: string, externalId: string, system: string): Promise<void> {
    await this.db.query(`INSERT INTO ${this.schema}.work_items (call_sid, type, external_id, system) VALUES ($1, $2, $3, $4)`, [callSid, type, externalId, system]);
  }

  async endCall(callSid: string, end: CallEnd): Promise<void> {
    await this.db.query(
      `UPDATE ${this.schema}.calls SET status = 'completed', outcome = $2, escalation_reason = $3, end_reason = $4, sentiment = $5, turns = $6, ended_at = now() WHERE call_sid = $1`,
      [callSid, end.outcome, end.escalationReason ?? null, end.endReason, end.sentiment ?? null, end.turns],
    );
  }

  /** Worker side: the ticket the ticketing system created for a call. */
  async insertTicket(id: string, callSid: string, subject: string): Promise<void> {
    await this.db.query(`INSERT INTO ${this.schema}.tickets (id, call_sid, subject) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [id, callSid, subject]);
  }

  /** Worker side: the post-call summary (a redelivered message replaces it). */
  async upsertSummary(callSid: string, summary: string): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.schema}.call_summaries (call_sid, summary) VALUES ($1, $2) ON CONFLICT (call_sid) DO UPDATE SET summary = EXCLUDED.summary, created_at = now()`,
      [callSid, summary],
    );
  }

  async getCall(callSid: string): Promise<Record<string, unknown> | undefined> {
    const calls = await this.db.query(`SELECT * FROM ${this.schema}.calls WHERE call_sid = $1`, [callSid]);
    const call = calls.rows[0];
    if (call === undefined) return undefined;
    const [turns, connectorCalls, workItems, summary] = await Promise.all([
      this.db.query(`SELECT number, caller_text, agent_text FROM ${this.schema}.turns WHERE call_sid = $1 ORDER BY number`, [callSid]),
      this.db.query(`SELECT connector, operation, success, error_type, retries, duration_ms FROM ${this.schema}.connector_calls WHERE call_sid = $1 ORDER BY id`, [callSid]),
      this.db.query(`SELECT type, external_id, system FROM ${this.schema}.work_items WHERE call_sid = $1 ORDER BY id`, [callSid]),
      this.db.query(`SELECT summary FROM ${this.schema}.call_summaries WHERE call_sid = $1`, [callSid]),
    ]);
    return { ...call, turns: turns.rows, connector_calls: connectorCalls.rows, work_items: workItems.rows, summary: summary.rows[0]?.summary ?? null };
  }

  /** Newest first, `limit` at most 500; `before` (a start time) pages back. */
  async listCalls(limit: number, before: Date | undefined): Promise<Record<string, unknown>[]> {
    const result = await this.db.query(
      `SELECT call_sid, trace_id, direction, scenario, status, outcome, escalation_reason, turns, started_at, ended_at
       FROM ${this.schema}.calls WHERE ($2::timestamptz IS NULL OR started_at < $2) ORDER BY started_at DESC LIMIT $1`,
      [Math.min(Math.max(1, limit), 500), before ?? null],
    );
    return result.rows;
  }

  /** What the engine itself recorded, for comparison with the plane's KPIs. */
  async stats(): Promise<EngineStats> {
    const [statuses, connectors, workItems] = await Promise.all([
      this.db.query<{ status: string; outcome: string | null; n: string }>(`SELECT status, outcome, count(*) AS n FROM ${this.schema}.calls GROUP BY status, outcome`),
      this.db.query<{ connector: string; calls: string; successes: string }>(
        `SELECT connector, count(*) AS calls, count(*) FILTER (WHERE success) AS successes FROM ${this.schema}.connector_calls GROUP BY connector ORDER BY connector`,
      ),
      this.db.query<{ type: string; n: string }>(`SELECT type, count(*) AS n FROM ${this.schema}.work_items GROUP BY type ORDER BY type`),
    ]);
    const stats: EngineStats = { completed: 0, inProgress: 0, outcomes: {}, connectorCalls: 0, connectorSuccesses: 0, connectors: {}, workItems: {} };
    for (const row of statuses.rows) {
      if (row.status !== 'completed' || row.outcome === null) {
        stats.inProgress += Number(row.n);
        continue;
      }
      stats.completed += Number(row.n);
      stats.outcomes[row.outcome] = Number(row.n);
    }
    for (const row of connectors.rows) {
      stats.connectors[row.connector] = { calls: Number(row.calls), successes: Number(row.successes) };
      stats.connectorCalls += Number(row.calls);
      stats.connectorSuccesses += Number(row.successes);
    }
    for (const row of workItems.rows) stats.workItems[row.type] = Number(row.n);
    return stats;
  }
}
