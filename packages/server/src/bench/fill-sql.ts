/*
 * SQL that fills a store's `sessions`, `connector_calls` and `work_items` with `n` calls of one
 * tenant over a 30-day window, generated inside DuckDB (INSERT … SELECT … FROM range(n)), so
 * ten million rows take a minute, not the hours the ingest path would. Rows come out in start
 * order (DuckDB keeps insertion order), as the plane appends them. Each draw is a hash of the row
 * number, so every fill is identical.
 *
 * Mix: 3 agents × 2 versions (the newer one rolled out over the month), one outbound dialer and
 * 10% outbound on the others; outbound answered by a person 60%, else machine / no_answer / busy;
 * handled calls resolved 65%, escalated 20%, abandoned 10%, failed 5%; 20% of outcomes inferred;
 * durations skewed (20 s–7 min handled, 8–30 s unanswered); 0–3 connector calls, one of them
 * failing in a fifth of the calls that have any; a work item on most calls with a successful
 * connector; cost from usage.
 */

/** Uniform draw k of row i, in [0, 1). */
const u = (k: number): string => `((hash(i, ${k}) % 1000000) / 1000000.0)`;

/** Parameters: $1 rows (BIGINT), $2 window start µs, $3 window length µs, $4 tenant id. */
export const FILL_SESSIONS_SQL = `
INSERT INTO sessions
WITH draws AS (
  SELECT i, ${u(1)} AS u_agent, ${u(2)} AS u_version, ${u(3)} AS u_direction, ${u(4)} AS u_answer,
         ${u(5)} AS u_outcome, ${u(6)} AS u_duration, ${u(7)} AS u_sentiment, ${u(8)} AS u_turns,
         ${u(9)} AS u_connectors, ${u(10)} AS u_fail, ${u(11)} AS u_item, ${u(12)} AS u_inferred, ${u(13)} AS u_jitter
  FROM range($1) t(i)
), agents AS (
  SELECT *,
    CASE WHEN u_agent < 0.45 THEN 'support-bot' WHEN u_agent < 0.75 THEN 'billing-bot' ELSE 'sales-dialer' END AS agent_id,
    -- the newer version's share grows from 0 to 100% over the window
    u_version < i / $1 AS new_version
  FROM draws
), calls AS (
  SELECT *,
    CASE WHEN agent_id = 'sales-dialer' OR u_direction < 0.1 THEN 'outbound' ELSE 'inbound' END AS direction
  FROM agents
), answered AS (
  SELECT *,
    CASE WHEN direction = 'inbound' THEN NULL
         WHEN u_answer < 0.60 THEN 'human' WHEN u_answer < 0.80 THEN 'machine'
         WHEN u_answer < 0.95 THEN 'no_answer' ELSE 'busy' END AS answered_by
  FROM calls
), handled AS (
  SELECT *,
    direction = 'inbound' OR answered_by = 'human' AS is_handled,
    CASE WHEN NOT (direction = 'inbound' OR answered_by = 'human') THEN 0 ELSE 3 + floor(u_turns * 8)::INTEGER END AS turns
  FROM answered
), shaped AS (
  SELECT *,
    CASE WHEN NOT is_handled THEN 'unanswered'
         WHEN u_outcome < 0.65 THEN 'resolved' WHEN u_outcome < 0.85 THEN 'escalated'
         WHEN u_outcome < 0.95 THEN 'abandoned' ELSE 'failed' END AS outcome,
    CASE WHEN is_handled THEN 20000 + 400000 * u_duration * u_duration ELSE 8000 + 22000 * u_duration END AS duration_ms,
    CASE WHEN is_handled THEN floor(u_connectors * 4)::INTEGER ELSE 0 END AS connector_calls,
    md5(i::VARCHAR || '-bench') AS trace_id,
    $2 + ((i + u_jitter) * $3 / $1)::BIGINT AS start_us
  FROM handled
), costed AS (
  SELECT *,
    connector_calls - CASE WHEN connector_calls > 0 AND u_fail < 0.2 THEN 1 ELSE 0 END AS connector_successes,
    duration_ms / 60000 * 0.014 AS cost_telephony,
    turns * 2.5 / 60 * 0.0043 AS cost_stt,
    turns * (1500 * 0.15 + 90 * 0.6) / 1e6 AS cost_llm,
    turns * 180 * 0.00003 AS cost_tts
  FROM shaped
)
SELECT
  $4, trace_id, 'call-' || trace_id, 'voice-engine',
  agent_id,
  CASE agent_id WHEN 'support-bot' THEN 'Support line' WHEN 'billing-bot' THEN 'Billing desk' ELSE 'Renewals campaign' END,
  CASE agent_id WHEN 'support-bot' THEN (CASE WHEN new_version THEN '2.4.0' ELSE '2.3.0' END)
                WHEN 'billing-bot' THEN (CASE WHEN new_version THEN '1.9.0' ELSE '1.8.1' END)
                ELSE (CASE WHEN new_version THEN '1.0.0' ELSE '0.9.2' END) END,
  CASE WHEN direction = 'outbound' THEN 'spring-renewals' ELSE '' END,
  direction,
  start_us, start_us + (duration_ms * 1000)::BIGINT, duration_ms,
  outcome, u_inferred < 0.2, answered_by, is_handled,
  CASE WHEN outcome = 'escalated' THEN (CASE WHEN u_jitter < 0.5 THEN 'caller_request' ELSE 'low_confidence' END) ELSE '' END,
  CASE WHEN outcome = 'abandoned' THEN 'caller_hangup' ELSE 'completed' END,
  'req-' || (hash(i, 20) % 1000000000000)::VARCHAR,
  md5((hash(i, 21) % ($1 // 3 + 1))::VARCHAR),
  CASE WHEN NOT is_handled THEN NULL WHEN u_sentiment < 0.5 THEN 'positive' WHEN u_sentiment < 0.85 THEN 'neutral' ELSE 'negative' END,
  CASE WHEN NOT is_handled THEN NULL ELSE round(u_sentiment * 2 - 1, 2) END,
  turns, 2 + turns * 4 + connector_calls + CASE WHEN outcome = 'escalated' THEN 1 ELSE 0 END,
  1, 600.0, 600.0,
  CASE WHEN turns > 0 THEN turns END, CASE WHEN turns > 0 THEN turns * 210.0 END, CASE WHEN turns > 0 THEN 380.0 END,
  CASE WHEN turns > 0 THEN turns END, CASE WHEN turns > 0 THEN turns * 820.0 END, CASE WHEN turns > 0 THEN 1650.0 END,
  CASE WHEN connector_calls > 0 THEN connector_calls END, CASE WHEN connector_calls > 0 THEN connector_calls * 240.0 END,
  CASE WHEN connector_calls > 0 THEN 450.0 END,
  CASE WHEN turns > 0 THEN turns END, CASE WHEN turns > 0 THEN turns * 160.0 END, CASE WHEN turns > 0 THEN 290.0 END,
  CASE WHEN outcome = 'escalated' THEN 1 END, CASE WHEN outcome = 'escalated' THEN 4200.0 END, CASE WHEN outcome = 'escalated' THEN 4200.0 END,
  CASE WHEN turns > 0 THEN 'llm' ELSE 'telephony' END,
  connector_calls, connector_successes,
  CASE WHEN connector_successes > 0 AND u_item < 0.8 THEN 1 ELSE 0 END,
  CASE WHEN connector_successes > 0 AND u_item < 0.8
       THEN '[{"type":"' || (CASE WHEN u_item < 0.4 THEN 'ticket' WHEN u_item < 0.7 THEN 'crm_update' ELSE 'appointment' END)
            || '","id":"' || substr(trace_id, 1, 12) || '","system":"zendesk","spanId":"' || substr(trace_id, 17, 16) || '"}]'
       ELSE '[]' END,
  '[]',
  turns * 2.5, turns * 1500, turns * 90, turns * 900, turns * 180, duration_ms / 1000,
  cost_telephony, cost_stt, cost_llm, cost_tts, 0.0, 0.0, cost_telephony + cost_stt + cost_llm + cost_tts,
  false, true, start_us + (duration_ms * 1000)::BIGINT + 5000000, 1,
  NULL,
  is_handled AND connector_calls > 0 AND u_item >= 0.7, connector_successes > 0 AND u_item >= 0.7 AND u_item < 0.8 AND is_handled,
  '{}',
  CASE WHEN is_handled THEN 'stated' END, NULL, NULL
FROM costed`;

/** One row per connector call of the sessions just filled; the first `connector_success_count` succeeded. */
export const FILL_CONNECTOR_CALLS_SQL = `
INSERT INTO connector_calls
WITH calls AS (
  SELECT tenant_id, trace_id, call_id, start_us, agent_id, agent_version, direction, campaign_id,
         connector_success_count, unnest(range(connector_call_count)) AS ordinal
  FROM sessions WHERE connector_call_count > 0
)
SELECT tenant_id, trace_id, call_id, start_us, agent_id, agent_version, direction, campaign_id,
  ordinal, substr(md5(trace_id || ordinal::VARCHAR), 1, 16),
  CASE hash(trace_id, ordinal) % 3 WHEN 0 THEN 'salesforce' WHEN 1 THEN 'zendesk' ELSE 'google-calendar' END,
  CASE hash(trace_id, ordinal) % 3 WHEN 0 THEN 'update_contact' WHEN 1 THEN 'create_ticket' ELSE 'book_slot' END,
  ordinal < connector_success_count,
  start_us + 8000000 + ordinal * 20000000,
  CASE WHEN ordinal < connector_success_count THEN 80 + hash(trace_id, ordinal, 1) % 500 ELSE 900 + hash(trace_id, ordinal, 1) % 4000 END,
  CASE WHEN ordinal < connector_success_count THEN '' ELSE 'http_503' END,
  0, false,
  CASE hash(trace_id, ordinal) % 3 WHEN 0 THEN 'crm' WHEN 1 THEN 'ticketing' ELSE 'calendar' END
FROM calls`;

/** The work item each session's JSON names, as a `work_items` row. */
export const FILL_WORK_ITEMS_SQL = `
INSERT INTO work_items
SELECT tenant_id, trace_id, call_id, start_us, agent_id, agent_version, direction, campaign_id,
  json_extract_string(work_items, '$[0].type'), substr(trace_id, 1, 12), 'zendesk', substr(trace_id, 17, 16)
FROM sessions WHERE work_item_count > 0`;
