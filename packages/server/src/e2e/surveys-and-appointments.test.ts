import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { emitCalls, type CallSpec } from './sdk-calls.js';
import type { KpiSeriesPoint, KpiSummary } from '../kpis/kpi-types.js';
import { assertApproxEqual } from '../store/duckdb/approx-equal.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const now = Date.now();
/** 10:00 UTC three days ago: calls land in known day buckets. */
const D = Math.floor((now - 3 * DAY) / DAY) * DAY;
const iso = (ms: number): string => new Date(ms).toISOString();

const call = (callId: string, startMs: number, more: Partial<CallSpec> = {}): CallSpec => ({
  callId,
  direction: 'inbound',
  outcome: 'resolved',
  agentId: 'booking',
  agentVersion: 'v1',
  startMs,
  durationMs: 90_000,
  attributes: { 'lumay.correlation_id': `corr-${callId}` },
  ...more,
});

describe('surveys arriving late and appointment conversion', () => {
  let plane: TestPlane;
  let acme: string;
  let other: string;

  const send = async (calls: CallSpec[]): Promise<void> => {
    await emitCalls(new OTLPTraceExporter({ url: `${plane.httpUrl}/v1/traces`, headers: { authorization: `Bearer ${acme}` } }), calls);
    await plane.settle();
  };
  const survey = async (body: Record<string, unknown>, key = acme): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${plane.httpUrl}/api/v1/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const summary = async (): Promise<KpiSummary> => {
    const { body } = await plane.get(`/api/v1/kpis/summary?from=${iso(D)}&to=${iso(now)}`, acme);
    return (body as { kpis: KpiSummary }).kpis;
  };

  before(async () => {
    plane = await startTestPlane();
    acme = await plane.tenantWithKey('acme', ['ingest', 'read']);
    other = await plane.tenantWithKey('other', ['ingest', 'read']);
    await send([
      call('c1', D + 10 * HOUR, { connectors: [{ name: 'google-calendar', kind: 'calendar', operation: 'book_slot', success: true }] }),
      call('c2', D + 11 * HOUR, { connectors: [{ name: 'google-calendar', kind: 'calendar', operation: 'check_availability', success: true }] }),
      call('c3', D + DAY + 10 * HOUR, { connectors: [{ name: 'crm', kind: 'crm', success: true }] }),
    ]);
  });
  after(async () => plane.destroy());

  it('before any result the survey KPIs are null, not zero', async () => {
    const k = await summary();
    assert.deepEqual([k.surveys.csatResponses, k.surveys.csatScore, k.surveys.npsResponses, k.surveys.nps], [0, null, 0, null]);
  });

  it('appointment conversion counts calendar calls as attempts and bookings as conversions', async () => {
    assert.deepEqual((await summary()).appointments, { attempted: 2, booked: 1, conversionRate: 0.5 });
  });

  it('results join their call by call id or correlation id, days late or before the call arrives', async () => {
    // Three days after c1; first a 2, then the caller changes it to 5: one response, the last.
    assert.equal((await survey({ callId: 'c1', csat: 2, respondedAt: iso(now) })).status, 202);
    assert.equal((await survey({ callId: 'c1', csat: 5, nps: 10, source: 'sms-survey' })).status, 202);
    assert.equal((await survey({ correlationId: 'corr-c2', csat: 3, nps: 6 })).status, 202);
    // For a call that has not arrived yet: kept, and counted once the call is stored.
    assert.equal((await survey({ callId: 'c4', csat: 4, nps: 8 })).status, 202);
    // Another tenant naming acme's call id reaches only its own (empty) data.
    assert.equal((await survey({ callId: 'c3', csat: 1, nps: 0 }, other)).status, 202);

    let k = await summary();
    assert.deepEqual([k.surveys.csatResponses, k.surveys.npsResponses], [2, 2], 'c4 not stored yet');
    await send([call('c4', D + 2 * DAY + 10 * HOUR)]);
    k = await summary();
    assert.deepEqual(k.surveys, {
      csatResponses: 3,
      csatSatisfied: 2,
      csatScore: 2 / 3,
      csatAverage: 4,
      npsResponses: 3,
      npsPromoters: 1,
      npsPassives: 1,
      npsDetractors: 1,
      nps: 0,
    });
  });

  it('a result counts in the bucket of its call’s start', async () => {
    const { body } = await plane.get(`/api/v1/kpis/series?bucket=day&from=${iso(D)}&to=${iso(D + 3 * DAY)}`, acme);
    const points = (body as { points: KpiSeriesPoint[] }).points;
    assert.deepEqual(
      points.map((p) => [p.kpis.surveys.csatResponses, p.kpis.surveys.csatScore]),
      [
        [2, 0.5],
        [0, null],
        [1, 1],
      ],
    );
  });

  it('the overview gives what the summary, the series and the previous window’s summary give, in one request', async () => {
    const window = `from=${iso(D)}&to=${iso(D + 3 * DAY)}`;
    const previous = `from=${iso(D - 3 * DAY)}&to=${iso(D)}`;
    const { status, body } = await plane.get(`/api/v1/kpis/overview?${window}&bucket=day`, acme);
    assert.equal(status, 200);
    const overview = body as { kpis: KpiSummary; previous: { window: { from: string }; kpis: KpiSummary }; points: KpiSeriesPoint[] };
    const separate = async <T>(path: string): Promise<T> => (await plane.get(path, acme)).body as T;
    assertApproxEqual(overview.kpis, (await separate<{ kpis: KpiSummary }>(`/api/v1/kpis/summary?${window}`)).kpis, 'the window');
    assert.equal(overview.kpis.surveys.csatResponses, 3, 'survey results of every bucket');
    assert.equal(overview.previous.window.from, iso(D - 3 * DAY));
    assertApproxEqual(overview.previous.kpis, (await separate<{ kpis: KpiSummary }>(`/api/v1/kpis/summary?${previous}`)).kpis, 'the previous window');
    assert.deepEqual(overview.points, (await separate<{ points: KpiSeriesPoint[] }>(`/api/v1/kpis/series?${window}&bucket=day`)).points);
  });

  it('the other tenant’s result is in its own KPIs only', async () => {
    const { body } = await plane.get(`/api/v1/kpis/summary?from=${iso(D)}&to=${iso(now)}`, other);
    assert.equal((body as { kpis: KpiSummary }).kpis.surveys.csatResponses, 0, 'other has no call c3');
  });

  it('refuses results it cannot file, saying why', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ callId: 'c1', correlationId: 'corr-c1', csat: 5 }, /exactly one of callId or correlationId/],
      [{ csat: 5 }, /exactly one of callId or correlationId/],
      [{ callId: 'c1' }, /give a csat/],
      [{ callId: 'c1', csat: 6 }, /csat must be a whole number from 1 to 5/],
      [{ callId: 'c1', nps: 10.5 }, /nps must be a whole number from 0 to 10/],
      [{ callId: 'c1', csat: 5, respondedAt: 'soon' }, /respondedAt="soon" is not a time/],
      [{ callId: 'c1', csat: 5, rating: 5 }, /unknown field rating/],
    ];
    for (const [body, message] of cases) {
      const res = await survey(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match((res.body as { error: { message: string } }).error.message, message);
    }
    const readOnly = await plane.tenantWithKey('acme', ['read']);
    assert.equal((await survey({ callId: 'c1', csat: 1 }, readOnly)).status, 403);
    assert.equal((await summary()).surveys.csatAverage, 4, 'nothing refused was stored');
  });
});
