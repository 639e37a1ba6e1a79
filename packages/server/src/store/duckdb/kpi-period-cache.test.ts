import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallFilter } from '../../kpis/kpi-types.js';
import { assertApproxEqual } from './approx-equal.js';
import { KpiPeriodCache, touchedRanges } from './kpi-period-cache.js';
import { randomSession, scannedKpis } from './kpi-reference.js';
import { HOUR_US, T0_US, costOf, makeSession } from './make-session.js';
import { SqlParams } from './sql-params.js';
import { openTempStore, type TempStore } from './temp-store.js';

const MINUTE_US = 60_000_000;
const T = (hours: number): number => T0_US + hours * HOUR_US;
const EMPTY = new Map();

describe('the KPI period cache', () => {
  test('a read keeps what it read only if no write of its tenant was announced meanwhile', () => {
    const cache = new KpiPeriodCache();
    const hours = { fromUs: T(0), toUs: T(3) };
    const before = cache.generation('acme');
    cache.written(cache.writing('acme', [{ fromUs: T(9), toUs: T(9) }]));
    cache.keep('acme', 'hour', before, hours, EMPTY);
    assert.deepEqual(cache.lookup('acme', 'hour', hours).missing, hours, 'a read that started before the write kept nothing');
    // Another tenant's write does not hold this tenant's reads back.
    const now = cache.generation('acme');
    cache.writing('other', null);
    cache.keep('acme', 'hour', now, hours, EMPTY);
    assert.equal(cache.lookup('acme', 'hour', hours).missing, null);
    assert.equal(cache.periodsKept, 3);
  });

  test('offers no period a write in progress touches, and tells a read that a later write touched what it used', () => {
    const cache = new KpiPeriodCache();
    const hours = { fromUs: T(0), toUs: T(5) };
    cache.keep('acme', 'hour', 0, hours, EMPTY);
    // In progress (perhaps committed already): the hour it touches is read again, the others are kept.
    const write = cache.writing('acme', [{ fromUs: T(2) + 5, toUs: T(2) + 5 }]);
    const looked = cache.lookup('acme', 'hour', hours);
    assert.deepEqual(looked.missing, { fromUs: T(2), toUs: T(3) });
    assert.equal(looked.kept.filter((p) => p !== undefined).length, 4);
    cache.written(write);
    // A read that started before a write touching one of its kept hours must answer again.
    const seq = cache.writeSeq('acme');
    const used = cache.lookup('acme', 'hour', hours);
    assert.equal(cache.changedSince('acme', seq, 'hour', hours, used.kept), false);
    cache.writing('acme', [{ fromUs: T(4) + 1, toUs: T(4) + 1 }]);
    assert.equal(cache.changedSince('acme', seq, 'hour', hours, used.kept), true);
    assert.equal(cache.changedSince('acme', seq, 'hour', { fromUs: T(0), toUs: T(2) }, used.kept.slice(0, 2)), false, 'hours it did not use');
  });

  test('a write drops the hours and minutes holding the sessions it touched, and only those', () => {
    const cache = new KpiPeriodCache();
    const hours = { fromUs: T(0), toUs: T(5) };
    const minutes = { fromUs: T(5), toUs: T(5) + 30 * MINUTE_US };
    cache.keep('acme', 'hour', 0, hours, EMPTY);
    cache.keep('acme', 'minute', 0, minutes, EMPTY);
    cache.written(
      cache.writing('acme', [
        { fromUs: T(1) + 5, toUs: T(1) + 5 },
        { fromUs: T(5) + 10 * MINUTE_US + 1, toUs: T(5) + 12 * MINUTE_US },
      ]),
    );
    assert.deepEqual(cache.lookup('acme', 'hour', hours).missing, { fromUs: T(1), toUs: T(2) });
    const lookedMinutes = cache.lookup('acme', 'minute', minutes);
    assert.deepEqual(lookedMinutes.missing, { fromUs: T(5) + 10 * MINUTE_US, toUs: T(5) + 13 * MINUTE_US });
    assert.equal(lookedMinutes.kept.filter((m) => m === undefined).length, 3);
    cache.written(cache.writing('acme', null));
    assert.deepEqual(cache.lookup('acme', 'hour', hours).missing, hours, 'a write without ranges drops every period of its tenant');
    assert.equal(cache.periodsKept, 0);
  });

  test('stays within its bound, dropping the tenants read longest ago, then the reader’s own', () => {
    const cache = new KpiPeriodCache(10);
    const hours = { fromUs: T(0), toUs: T(6) };
    cache.keep('a', 'hour', 0, hours, EMPTY);
    cache.keep('b', 'hour', 0, hours, EMPTY);
    assert.equal(cache.periodsKept, 6);
    assert.deepEqual(cache.lookup('a', 'hour', hours).missing, hours);
    assert.equal(cache.lookup('b', 'hour', hours).missing, null);
    cache.keep('b', 'hour', 0, { fromUs: T(6), toUs: T(18) }, EMPTY);
    assert.ok(cache.periodsKept <= 10, `${cache.periodsKept} periods kept`);
  });

  test('a write of an amendment touches where stored revisions are looked for', () => {
    const first = makeSession({ tenantId: 'acme', startUs: T(2) });
    const amended = makeSession({ tenantId: 'acme', startUs: T(4), revision: 2 });
    const other = makeSession({ tenantId: 'other', startUs: T(9), revision: 2 });
    const ranges = touchedRanges([first, amended, other], true, HOUR_US);
    assert.deepEqual(ranges.get('acme'), [
      { fromUs: T(2), toUs: T(2) },
      { fromUs: T(4), toUs: T(4) },
      { fromUs: T(3), toUs: T(10) },
    ]);
  });
});

describe('KPIs read through kept periods follow every write', () => {
  let temp: TempStore;
  const windows: { reason: string; filter: CallFilter }[] = [
    { reason: 'whole hours', filter: { tenantId: 'acme', fromUs: T(0), toUs: T(72) } },
    { reason: 'the console window (on the minute)', filter: { tenantId: 'acme', fromUs: T(5) + 17 * MINUTE_US, toUs: T(61) + 42 * MINUTE_US } },
    { reason: 'not on the minute', filter: { tenantId: 'acme', fromUs: T(3) + 1_234_567_890, toUs: T(50) + 987_654_321 } },
    { reason: 'minutes of one hour', filter: { tenantId: 'acme', fromUs: T(7) + 3 * MINUTE_US, toUs: T(7) + 44 * MINUTE_US } },
  ];
  const check = async (label: string): Promise<void> => {
    for (const { reason, filter } of windows) {
      const expected = await scannedKpis(temp.store, filter);
      // Twice: the first may read what is missing, the second answers from what it kept.
      for (const pass of ['first', 'kept']) {
        assertApproxEqual(await temp.store.kpiSummary(filter, 5), expected, `${label}, ${reason}, ${pass}`);
        assertApproxEqual((await temp.store.kpiSeriesWithTotal(filter, 'day', 5)).total, expected, `${label}, ${reason}, series total, ${pass}`);
      }
    }
  };

  before(async () => {
    temp = await openTempStore();
    const sessions = Array.from({ length: 300 }, () => randomSession('acme'));
    for (let i = 0; i < sessions.length; i += 50) await temp.store.saveSessions(sessions.slice(i, i + 50), { exactRevisions: true });
  });
  after(async () => temp.dispose());

  test('answers kept hours without reading the rollups again', async () => {
    await check('stored');
    const window = windows[0].filter;
    const kept = await temp.store.kpiSummary(window, 5);
    // Behind the store's back (no write announced), an hour's rollups go: a kept hour is not read again.
    const hour = `tenant_id = 'acme' AND hour_us = ${T(10)}`;
    await temp.store.readRows(`CREATE TABLE hour_saved AS SELECT * FROM kpi_rollups WHERE ${hour}`, new SqlParams());
    await temp.store.readRows(`DELETE FROM kpi_rollups WHERE ${hour}`, new SqlParams());
    assert.deepEqual(await temp.store.kpiSummary(window, 5), kept);
    await temp.store.readRows('INSERT INTO kpi_rollups SELECT * FROM hour_saved', new SqlParams());
  });

  test('after new calls in kept hours and at the windows’ ends', async () => {
    const late = [T(10) + 5, T(5) + 20 * MINUTE_US, T(61) + 41 * MINUTE_US + 59_000_000, T(7) + 43 * MINUTE_US].map((startUs, i) =>
      makeSession({ tenantId: 'acme', startUs, endUs: startUs + 30_000_000, cost: costOf(i + 1) }),
    );
    await temp.store.saveSessions(late, { exactRevisions: true });
    await check('new calls');
  });

  test('after amendments that move calls between hours, and after a re-pricing', async () => {
    const stored = await temp.store.readRows(`SELECT trace_id, start_us FROM sessions WHERE tenant_id = 'acme' ORDER BY trace_id LIMIT 20`, new SqlParams());
    const amended = stored.map((row, i) =>
      makeSession({
        tenantId: 'acme',
        traceId: String(row.trace_id),
        startUs: Number(row.start_us) + (i % 2 === 0 ? HOUR_US : -7 * MINUTE_US),
        revision: 2,
        outcome: 'escalated',
        cost: costOf(9),
      }),
    );
    await temp.store.saveSessions(amended, { exactRevisions: true });
    await check('amended');
    const version = { tenantId: 'acme', effectiveFromUs: T(0), entries: [], note: 'test', createdAtUs: T(80) };
    const repriced = await temp.store.savePriceBookVersion(version, { fromUs: T(20), toUs: T(40) }, () => costOf(0.25));
    assert.ok(repriced > 0, 'calls were re-priced');
    await check('re-priced');
  });
});
