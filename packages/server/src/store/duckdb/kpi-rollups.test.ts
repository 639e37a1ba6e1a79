import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallFilter } from '../../kpis/kpi-types.js';
import { assertApproxEqual } from './approx-equal.js';
import { KPI_MEASURES } from './kpi-aggregates.js';
import { deltaStatements } from './kpi-rollups.js';
import { pick, randomSession, scannedKpis } from './kpi-reference.js';
import { HOUR_US, T0_US } from './make-session.js';
import { num, type Row } from './row-values.js';
import { SqlParams } from './sql-params.js';
import { openTempStore, type TempStore } from './temp-store.js';

/*
 * The rollups must answer exactly what a scan of the stored sessions answers (percentiles within
 * the histogram's documented error), whatever the window's alignment, the filters, the amendments
 * that replaced stored revisions, and compaction. The reference below scans sessions with the same
 * measure definitions and exact quantiles.
 */

const T = (hours: number): number => T0_US + hours * HOUR_US;
const MINUTE_US = 60_000_000;
const WINDOWS: { reason: string; filter: Omit<CallFilter, 'tenantId'> }[] = [
  { reason: 'whole hours', filter: { fromUs: T(0), toUs: T(72) } },
  { reason: 'both ends mid-hour', filter: { fromUs: T(3) + 1_234_567_890, toUs: T(50) + 987_654_321 } },
  { reason: 'inside one hour', filter: { fromUs: T(10) + 60_000_000, toUs: T(10) + 2_000_000_000 } },
  // The console's windows: whole minutes, mid-hour at both ends (the minute rollups' part).
  { reason: 'both ends on a minute, mid-hour', filter: { fromUs: T(5) + 17 * MINUTE_US, toUs: T(61) + 42 * MINUTE_US } },
  { reason: 'a minute inside one hour', filter: { fromUs: T(7) + 3 * MINUTE_US, toUs: T(7) + 4 * MINUTE_US } },
  { reason: 'an agent and a direction', filter: { fromUs: T(1) + 5, toUs: T(70), agentId: 'billing', direction: 'outbound' } },
  { reason: 'a version and a campaign', filter: { fromUs: T(0), toUs: T(72), agentVersion: 'v2', campaignId: 'renewals' } },
];

describe('KPI rollups answer what a scan of the sessions answers', () => {
  let temp: TempStore;
  before(async () => {
    temp = await openTempStore();
    const sessions = [...Array.from({ length: 400 }, () => randomSession('acme')), ...Array.from({ length: 100 }, () => randomSession('other'))];
    for (let i = 0; i < sessions.length; i += 60) await temp.store.saveSessions(sessions.slice(i, i + 60));
    // Amendments: later revisions replace stored ones (outcome, cost, start may all move).
    const amended = sessions.slice(0, 80).map((s, i) => ({
      ...randomSession(s.tenantId),
      traceId: s.traceId,
      callId: s.callId,
      startUs: s.startUs + (i % 3) * 1_000_000,
      revision: 2,
    }));
    for (let i = 0; i < amended.length; i += 25) await temp.store.saveSessions(amended.slice(i, i + 25));
  });
  after(async () => temp.dispose());

  const check = async (label: string): Promise<void> => {
    for (const w of WINDOWS) {
      const filter = { tenantId: 'acme', ...w.filter };
      const expected = await scannedKpis(temp.store, filter);
      assertApproxEqual(await temp.store.kpiSummary(filter, 5), expected, `${label}, ${w.reason}`);
      // The overview's summary: every bucket of the hourly series merged.
      assertApproxEqual((await temp.store.kpiSeriesWithTotal(filter, 'hour', 5)).total, expected, `${label}, ${w.reason}, series total`);
    }
    const filter = { tenantId: 'acme', fromUs: T(2) + 123, toUs: T(30) + 456 };
    const series = await temp.store.kpiSeries(filter, 'hour', 5);
    assert.equal(series.length, 29);
    for (const point of series) {
      const bucket = { tenantId: 'acme', fromUs: Math.max(filter.fromUs, point.bucketStartUs), toUs: Math.min(filter.toUs, point.bucketStartUs + HOUR_US) };
      assertApproxEqual(point.kpis, await scannedKpis(temp.store, bucket), `${label}, hour ${point.bucketStartUs}`);
    }
  };

  test('after inserts and amendments', async () => {
    await check('deltas');
  });

  test('after compaction, with fewer rollup rows', async () => {
    const count = async (): Promise<number> => num((await temp.store.readRows('SELECT count(*) AS n FROM kpi_rollups', new SqlParams()))[0].n);
    const before = await count();
    await temp.store.compactRollups(0);
    assert.ok((await count()) < before, 'compaction merged delta rows');
    await check('compacted');
  });
});

describe('the writer sums rollup deltas as the SQL form does', () => {
  let temp: TempStore;
  before(async () => {
    temp = await openTempStore();
    const sessions = Array.from({ length: 300 }, () => randomSession(pick(['acme', 'other'])));
    for (let i = 0; i < sessions.length; i += 70) await temp.store.saveSessions(sessions.slice(i, i + 70));
  });
  after(async () => temp.dispose());

  /** Rows keyed by every column but the last `valueColumns`, values summed per key. */
  const keyed = (rows: Row[], valueColumns: number): Map<string, number[]> => {
    const out = new Map<string, number[]>();
    for (const row of rows) {
      const values = Object.values(row);
      const key = values.slice(0, values.length - valueColumns).map(String).join('|');
      const sums = out.get(key) ?? Array.from({ length: valueColumns }, () => 0);
      values.slice(values.length - valueColumns).forEach((v, i) => (sums[i] += num(v)));
      out.set(key, sums);
    }
    return out;
  };

  const tables = ['kpi_rollups', 'kpi_duration_rollups', 'kpi_work_item_rollups', 'kpi_tenant_duration_rollups', 'kpi_tenant_minute_rollups'];
  const measureTables = new Set(['kpi_rollups', 'kpi_tenant_minute_rollups']);
  for (const [i, table] of tables.entries()) {
    test(`${table}: the same rows as the INSERT … SELECT over the stored sessions`, async () => {
      const sql = deltaStatements('true', 1)[i].replace(/^INSERT INTO \w+\s*/, '');
      const reference = await temp.store.readRows(sql, new SqlParams());
      const stored = await temp.store.readRows(`SELECT * FROM ${table}`, new SqlParams());
      const valueColumns = measureTables.has(table) ? KPI_MEASURES.length : 1;
      const expected = keyed(reference, valueColumns);
      const actual = keyed(stored, valueColumns);
      assert.ok(expected.size > 10, 'the sessions span many keys');
      assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
      for (const [key, sums] of expected) {
        const got = actual.get(key) ?? [];
        sums.forEach((want, m) => {
          const name = measureTables.has(table) ? KPI_MEASURES[m].name : 'count';
          assert.ok(Math.abs(got[m] - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${table} ${key} ${name}: ${got[m]} vs ${want}`);
        });
      }
    });
  }
});
