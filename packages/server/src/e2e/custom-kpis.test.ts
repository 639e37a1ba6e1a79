import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { emitCalls, type CallSpec } from './sdk-calls.js';

const HOUR = 3_600_000;
/** The start of the hour two hours ago: every call lands in it. */
const H = Math.floor((Date.now() - 2 * HOUR) / HOUR) * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();
const window = `from=${iso(H)}&to=${iso(H + 2 * HOUR)}`;

const inbound = (callId: string, minute: number, more: Partial<CallSpec>): CallSpec => ({
  callId,
  direction: 'inbound',
  outcome: 'resolved',
  agentId: 'front-desk',
  agentVersion: 'v3',
  startMs: H + minute * 60_000,
  durationMs: 60_000,
  ...more,
});

const ACME: CallSpec[] = [
  inbound('k1', 5, { llmMs: 400, attributes: { 'customer.tier': 'gold' }, connectors: [{ name: 'crm', success: true }], businessEvents: [{ name: 'appointment_booked' }] }),
  inbound('k2', 10, { llmMs: 1000, attributes: { 'customer.tier': 'gold' }, connectors: [{ name: 'crm', success: false }], businessEvents: [{ name: 'payment_taken', value: 120 }] }),
  inbound('k3', 15, {
    outcome: 'escalated',
    llmMs: 200,
    attributes: { 'customer.tier': 'silver' },
    connectors: [{ name: 'crm', success: true }, { name: 'crm', success: false }],
    businessEvents: [{ name: 'appointment_booked' }],
  }),
  { callId: 'k4', direction: 'outbound', answeredBy: 'no_answer', agentId: 'front-desk', agentVersion: 'v3', startMs: H + 20 * 60_000, durationMs: 25_000 },
];
const OTHER: CallSpec[] = [inbound('o1', 5, { llmMs: 5000, attributes: { 'customer.tier': 'gold' }, businessEvents: [{ name: 'appointment_booked' }] })];

/** Each inbound call at the shipped prices: 60 s telephony (0.0085), 3 s STT (0.000385), gpt-4o-mini
 * 1 000 + 100 tokens (0.00021), 200 TTS characters (0.003); the unanswered attempt costs nothing. */
const INBOUND_COST = 0.012095;

const DEFINITIONS: Record<string, unknown> = {
  cost_per_booking: {
    name: 'Cost per booking',
    unit: 'usd',
    numerator: { source: 'calls', aggregate: 'sum', field: 'cost_usd' },
    denominator: { source: 'business_events', aggregate: 'count', filters: [{ field: 'name', op: 'eq', value: 'appointment_booked' }] },
  },
  p90_llm_gold: {
    name: 'p90 LLM time, gold customers',
    unit: 'ms',
    measure: { source: 'calls', aggregate: 'percentile', percentile: 0.9, field: 'llm_ms', filters: [{ field: 'attributes.customer.tier', op: 'eq', value: 'gold' }] },
  },
  crm_failure_rate: {
    name: 'CRM failure rate',
    unit: 'ratio',
    numerator: { source: 'connector_calls', aggregate: 'count', filters: [{ field: 'connector', op: 'eq', value: 'crm' }, { field: 'success', op: 'eq', value: false }] },
    denominator: { source: 'connector_calls', aggregate: 'count', filters: [{ field: 'connector', op: 'eq', value: 'crm' }] },
  },
  revenue: {
    name: 'Payments taken',
    unit: 'usd',
    measure: { source: 'business_events', aggregate: 'sum', field: 'value', filters: [{ field: 'name', op: 'eq', value: 'payment_taken' }] },
  },
  hostile: {
    name: "Robert'); DROP TABLE sessions; --",
    unit: 'count',
    measure: { source: 'calls', aggregate: 'count', filters: [{ field: 'escalation_reason', op: 'in', value: ["x' OR '1'='1", "'; DELETE FROM sessions; --"] }] },
  },
};

/** Hand calculations over ACME's calls. */
const EXPECTED: Record<string, number> = {
  cost_per_booking: (3 * INBOUND_COST) / 2,
  p90_llm_gold: 400 + 0.9 * (1000 - 400),
  crm_failure_rate: 2 / 4,
  revenue: 120,
  hostile: 0,
};

describe('tenant-defined KPIs', () => {
  let plane: TestPlane;
  let admin: string;
  let acme: string;
  let other: string;

  const put = async (tenant: string, id: string, body: unknown, key = admin): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${plane.httpUrl}/api/v1/tenants/${tenant}/kpis/${encodeURIComponent(id)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const values = async (key: string): Promise<Record<string, number | null>> => {
    const { status, body } = await plane.get(`/api/v1/kpis/custom?${window}`, key);
    assert.equal(status, 200);
    return Object.fromEntries((body as { kpis: { id: string; value: number | null }[] }).kpis.map((k) => [k.id, k.value]));
  };

  before(async () => {
    plane = await startTestPlane({ LUMAY_TENANT_KPI_REFRESH_SECONDS: '0' });
    admin = await plane.tenantWithKey('ops', ['admin']);
    acme = await plane.tenantWithKey('acme', ['ingest', 'read']);
    other = await plane.tenantWithKey('other', ['ingest', 'read']);
    const send = (key: string, calls: CallSpec[]): Promise<void> =>
      emitCalls(new OTLPTraceExporter({ url: `${plane.httpUrl}/v1/traces`, headers: { authorization: `Bearer ${key}` } }), calls);
    await send(acme, ACME);
    await send(other, OTHER);
    await plane.settle();
  });
  after(async () => plane.destroy());

  it('definitions are created through the API and computed over the calls already stored', async () => {
    for (const [id, definition] of Object.entries(DEFINITIONS)) {
      const res = await put('acme', id, definition);
      assert.equal(res.status, 201, `${id}: ${JSON.stringify(res.body)}`);
    }
    const got = await values(acme);
    for (const [id, want] of Object.entries(EXPECTED)) {
      assert.ok(Math.abs((got[id] ?? NaN) - want) < 1e-9, `${id}: got ${got[id]}, by hand ${want}`);
    }
  });

  it('hostile text stays data: the tables are intact and the name is kept verbatim', async () => {
    const { body } = await plane.get(`/api/v1/kpis/summary?${window}`, acme);
    assert.equal((body as { kpis: { calls: number } }).kpis.calls, 4);
    const list = await plane.get(`/api/v1/kpis/custom?${window}`, acme);
    const hostile = (list.body as { kpis: { id: string; name: string }[] }).kpis.find((k) => k.id === 'hostile');
    assert.equal(hostile?.name, "Robert'); DROP TABLE sessions; --");
  });

  it('a series puts each value in the hour of its calls', async () => {
    const { status, body } = await plane.get(`/api/v1/kpis/custom/crm_failure_rate/series?${window}&bucket=hour`, acme);
    assert.equal(status, 200);
    assert.deepEqual((body as { points: { bucketStartUs: number; value: number | null }[] }).points, [
      { bucketStartUs: H * 1000, value: 0.5 },
      { bucketStartUs: (H + HOUR) * 1000, value: null },
    ]);
  });

  it('tenants see only their own definitions and their own data', async () => {
    assert.deepEqual(await values(other), {});
    assert.equal((await put('other', 'cost_per_booking', DEFINITIONS.cost_per_booking)).status, 201);
    const got = await values(other);
    assert.ok(Math.abs((got.cost_per_booking ?? NaN) - INBOUND_COST) < 1e-9, `other: ${got.cost_per_booking}`);
    assert.equal((await plane.get(`/api/v1/kpis/custom/revenue/series?${window}`, other)).status, 404);
  });

  it('replacing a definition answers 200 and changes its value; only admin keys may define', async () => {
    const narrowed = {
      name: 'Payments over 500',
      unit: 'usd',
      measure: { source: 'business_events', aggregate: 'sum', field: 'value', filters: [{ field: 'value', op: 'gt', value: 500 }] },
    };
    const res = await put('acme', 'revenue', narrowed);
    assert.equal(res.status, 200);
    assert.equal((await values(acme)).revenue, 0);
    assert.equal((await put('acme', 'revenue', DEFINITIONS.revenue)).status, 200);
    assert.equal((await put('acme', 'sneaky', DEFINITIONS.revenue, acme)).status, 403);
    const bad = await put('acme', 'bad', { name: 'x', measure: { source: 'calls', aggregate: 'sum', field: 'outcome' } });
    assert.equal(bad.status, 400);
    assert.match((bad.body as { error: { message: string } }).error.message, /sum needs a numeric field of calls/);
  });

  it('/metrics exports each definition as lumay_tenant_kpi', async () => {
    const text = await (await fetch(`${plane.httpUrl}/metrics`)).text();
    assert.match(text, /^lumay_tenant_kpi\{tenant="acme",kpi="revenue"\} 120$/m);
    assert.match(text, /^lumay_tenant_kpi\{tenant="acme",kpi="crm_failure_rate"\} 0\.5$/m);
  });

  it('a deleted definition is gone', async () => {
    const res = await fetch(`${plane.httpUrl}/api/v1/tenants/acme/kpis/hostile`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    assert.equal(res.status, 204);
    assert.equal('hostile' in (await values(acme)), false);
  });
});
