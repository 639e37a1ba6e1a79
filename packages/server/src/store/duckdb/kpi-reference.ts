import type { CallSession } from '../../model/call-session.js';
import type { CallFilter, KpiSummary } from '../../kpis/kpi-types.js';
import { callFilterSql } from './call-filter-sql.js';
import type { DuckDbStore } from './duckdb-store.js';
import { kpiSummaryOf, MEASURES_SQL } from './kpi-aggregates.js';
import { HOUR_US, T0_US, connectorCall, costOf, makeSession } from './make-session.js';
import { listItems, num, str } from './row-values.js';
import { SqlParams } from './sql-params.js';

/*
 * Test support (not used by production code): random sessions over three days and the KPIs of a
 * window computed by scanning the stored sessions, the reference every rollup read must equal.
 */

/** A deterministic pseudo-random sequence (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(42);
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** A session of `tenantId` starting in the 72 hours from T0_US, every field drawn from `rnd`. */
export function randomSession(tenantId: string): CallSession {
  const direction = rnd() < 0.3 ? 'outbound' : 'inbound';
  const answeredBy = direction === 'outbound' ? pick(['human', 'human', 'machine', 'no_answer'] as const) : null;
  const startUs = T0_US + Math.floor(rnd() * 72) * HOUR_US + Math.floor(rnd() * HOUR_US);
  const seconds = 5 + Math.floor(rnd() * 600);
  const handled = direction === 'inbound' || answeredBy === 'human';
  return makeSession({
    tenantId,
    direction,
    answeredBy,
    agentId: pick(['billing', 'support']),
    agentVersion: pick(['v1', 'v2']),
    campaignId: direction === 'outbound' ? pick(['renewals', 'winback']) : '',
    startUs,
    endUs: startUs + seconds * 1_000_000,
    outcome: handled ? pick(['resolved', 'resolved', 'escalated', 'abandoned', 'failed'] as const) : 'unanswered',
    outcomeInferred: rnd() < 0.2,
    sentiment: handled ? pick(['positive', 'neutral', 'negative', null] as const) : null,
    cost: costOf(Math.round(rnd() * 100) / 100),
    connectorCalls: Array.from({ length: Math.floor(rnd() * 3) }, () => connectorCall({ success: rnd() < 0.8 })),
    workItems: rnd() < 0.4 ? [{ type: pick(['ticket', 'crm_update']), id: 'w', system: 's', spanId: '' }] : [],
    appointmentAttempted: rnd() < 0.2,
    appointmentBooked: rnd() < 0.1,
  });
}

/** Every KPI by scanning sessions: the same measures, exact quantiles, work items counted. */
export async function scannedKpis(store: DuckDbStore, filter: CallFilter): Promise<KpiSummary> {
  const p = new SqlParams();
  const [row] = await store.readRows(
    `SELECT ${MEASURES_SQL}, quantile_cont(CASE WHEN handled THEN duration_ms END, [0.5, 0.9]) AS q FROM sessions WHERE ${callFilterSql(filter, p)}`,
    p,
  );
  const w = new SqlParams();
  const items = await store.readRows(`SELECT type, count(*) AS n FROM work_items WHERE ${callFilterSql(filter, w, 'session_start_us')} GROUP BY type`, w);
  const [p50, p90] = listItems(row.q);
  const quantiles = [p50, p90].map((q) => (q === null || q === undefined ? null : Number(q)));
  return kpiSummaryOf(row, Object.fromEntries(items.map((i) => [str(i.type), num(i.n)])), 5, {}, quantiles);
}
