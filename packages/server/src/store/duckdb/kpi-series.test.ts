import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Bucket } from '../../kpis/kpi-types.js';
import { PlaneError } from '../../errors/plane-error.js';
import { DAY_US, HOUR_US, costOf, makeSession, T0_US } from './make-session.js';
import { openTempStore, type TempStore } from './temp-store.js';

interface SeriesCase {
  reason: string;
  bucket: Bucket;
  startsUs: number[];
  fromUs: number;
  toUs: number;
  /** Bucket start → calls, for every point returned, in order. */
  expect: [number, number][];
}

const cases: SeriesCase[] = [
  {
    reason: 'hour buckets hold sessions by start; the last microsecond of an hour stays in it; empty hours are present',
    bucket: 'hour',
    startsUs: [T0_US, T0_US + HOUR_US - 1, T0_US + HOUR_US, T0_US + 3 * HOUR_US + 1_800_000_000],
    fromUs: T0_US,
    toUs: T0_US + 4 * HOUR_US,
    expect: [
      [T0_US, 2],
      [T0_US + HOUR_US, 1],
      [T0_US + 2 * HOUR_US, 0],
      [T0_US + 3 * HOUR_US, 1],
    ],
  },
  {
    reason: 'day buckets start at UTC midnight whatever hour the window starts; sessions before the window are left out',
    bucket: 'day',
    // T0 is 09:00 UTC, so T0 − 9 h is midnight, T0 + 15 h the next midnight and T0 + 40 h 01:00 two days on.
    startsUs: [T0_US - 10 * HOUR_US, T0_US, T0_US + 14 * HOUR_US + 59 * 60_000_000, T0_US + 15 * HOUR_US, T0_US + 40 * HOUR_US],
    fromUs: T0_US - 9 * HOUR_US + 1,
    toUs: T0_US + 2 * DAY_US,
    expect: [
      [T0_US - 9 * HOUR_US, 2],
      [T0_US - 9 * HOUR_US + DAY_US, 1],
      [T0_US - 9 * HOUR_US + 2 * DAY_US, 1],
    ],
  },
];

describe('kpiSeries buckets sessions by start in UTC with one query', () => {
  let temp: TempStore;
  before(async () => {
    temp = await openTempStore();
  });
  after(async () => {
    await temp.dispose();
  });

  cases.forEach((c, i) => {
    test(c.reason, async () => {
      const tenantId = `series-${i}`;
      await temp.store.saveSessions(c.startsUs.map((startUs) => makeSession({ tenantId, startUs, endUs: startUs + 1_000_000 })));
      const points = await temp.store.kpiSeries({ tenantId, fromUs: c.fromUs, toUs: c.toUs }, c.bucket, null);
      assert.deepEqual(
        points.map((p) => [p.bucketStartUs, p.kpis.calls]),
        c.expect,
      );
    });
  });

  test('every KPI of a bucket is computed as in the summary (rates, work items, savings)', async () => {
    const tenantId = 'series-kpis';
    await temp.store.saveSessions([
      makeSession({ tenantId, outcome: 'resolved', cost: costOf(1), workItems: [{ type: 'ticket', id: '1', system: 's', spanId: 'a' }] }),
      makeSession({ tenantId, outcome: 'escalated', cost: costOf(1) }),
      makeSession({ tenantId, startUs: T0_US + HOUR_US, endUs: T0_US + HOUR_US + 1, outcome: 'escalated' }),
    ]);
    const filter = { tenantId, fromUs: T0_US, toUs: T0_US + 2 * HOUR_US };
    const [first, second] = await temp.store.kpiSeries(filter, 'hour', 3);
    assert.deepEqual(first.kpis, await temp.store.kpiSummary({ ...filter, toUs: T0_US + HOUR_US }, 3));
    assert.equal(first.kpis.containmentRate, 0.5);
    assert.deepEqual(first.kpis.workItems, { ticket: 1 });
    assert.equal(first.kpis.savingsUsd, 1);
    assert.equal(second.kpis.containmentRate, 0);
    assert.deepEqual(second.kpis.workItems, {});
  });

  test('a window of more buckets than the bound is refused with a 400', async () => {
    await assert.rejects(
      temp.store.kpiSeries({ tenantId: 't1', fromUs: 0, toUs: 20_000 * HOUR_US }, 'hour', null),
      (error: unknown) => error instanceof PlaneError && error.statusCode === 400,
    );
  });
});
