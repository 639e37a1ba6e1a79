import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { emitCalls, type CallSpec } from './sdk-calls.js';

/*
 * Cost across several price changes, worked by hand. Every call below is inbound, 60 s long, with
 * 3 s of STT audio, 1 000 input and 100 output tokens of gpt-4o-mini and 200 TTS characters
 * (sdk-calls.ts). Under a tenant book with telephony at $X/min, STT $0.60/min, LLM $10 / $100 per
 * 1M input / output tokens and TTS $1 000 per 1M characters, a call costs
 * X + 0.03 + (0.01 + 0.01) + 0.2 = X + 0.25.
 */
const HOUR = 3_600_000;
const now = Date.now();
const T = [now - 5 * HOUR, now - 4 * HOUR, now - 3 * HOUR, now - 2 * HOUR, now - HOUR];
const iso = (ms: number): string => new Date(ms).toISOString();

function book(telephonyPerMinuteUsd: number): unknown[] {
  return [
    { component: 'telephony', direction: 'inbound', perMinuteUsd: telephonyPerMinuteUsd, source: 'carrier contract' },
    { component: 'stt', perAudioMinuteUsd: 0.6 },
    { component: 'llm', inputPer1MTokensUsd: 10, outputPer1MTokensUsd: 100 },
    { component: 'tts', per1MCharactersUsd: 1000 },
  ];
}

const call = (callId: string, startMs: number): CallSpec => ({
  callId,
  direction: 'inbound',
  outcome: 'resolved',
  agentId: 'support',
  agentVersion: 'v1',
  startMs,
  durationMs: 60_000,
});

/** At the shipped list prices: telephony 60 s × $0.0085/min, STT 3 s × $0.0077/min, gpt-4o-mini
 * 1 000 × $0.15 + 100 × $0.60 per 1M, TTS 200 × $15 per 1M. */
const DEFAULT_COST = 0.0085 + 0.000385 + 0.00021 + 0.003;

describe('price books: versions by effective date, stored calls re-priced', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lumay-prices-'));
  let plane: TestPlane;
  let read: string;
  let admin: string;

  const send = async (calls: CallSpec[]): Promise<void> => {
    await emitCalls(new OTLPTraceExporter({ url: `${plane.httpUrl}/v1/traces`, headers: { authorization: `Bearer ${read}` } }), calls);
    await plane.settle();
  };
  const costOf = async (callId: string): Promise<number> => {
    const { status, body } = await plane.get(`/api/v1/calls/${callId}`, read);
    assert.equal(status, 200);
    return (body as { session: { cost: { total: number } } }).session.cost.total;
  };
  const addVersion = async (effectiveFrom: string, entries: unknown, key = admin, tenant = 'acme'): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${plane.httpUrl}/api/v1/tenants/${tenant}/price-book/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ effectiveFrom, entries, note: `from ${effectiveFrom}` }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  before(async () => {
    plane = await startTestPlane({ LUMAY_DATA_DIR: dataDir });
    read = await plane.tenantWithKey('acme', ['ingest', 'read']);
    admin = await plane.tenantWithKey('ops', ['admin']);
    await send([call('c1', T[0]), call('c2', T[1]), call('c3', T[2])]);
  });
  after(async () => {
    await plane.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prices calls at the shipped list prices before the tenant sets any', async () => {
    for (const id of ['c1', 'c2', 'c3']) assert.equal(await costOf(id), Math.round(DEFAULT_COST * 1e6) / 1e6, id);
  });

  it('a version dated in the past re-prices the calls from its date on, and only those', async () => {
    const added = await addVersion(iso(T[1]), book(1));
    assert.equal(added.status, 201);
    assert.equal(added.body.repricedCalls, 2);
    assert.deepEqual([await costOf('c1'), await costOf('c2'), await costOf('c3')], [Math.round(DEFAULT_COST * 1e6) / 1e6, 1.25, 1.25]);
  });

  it('a later version takes over from its date; the earlier one keeps the calls before it', async () => {
    const added = await addVersion(iso(T[2]), book(2));
    assert.equal(added.body.repricedCalls, 1);
    assert.deepEqual([await costOf('c2'), await costOf('c3')], [1.25, 2.25]);
  });

  it('a correction dated before every version re-prices only up to the next version', async () => {
    const added = await addVersion(iso(T[0]), book(0.5));
    assert.equal(added.body.repricedCalls, 1);
    assert.deepEqual([await costOf('c1'), await costOf('c2'), await costOf('c3')], [0.75, 1.25, 2.25]);
  });

  it('a new call is priced at the version in effect when it started, and the KPIs add up', async () => {
    await send([call('c4', T[3])]);
    assert.equal(await costOf('c4'), 2.25);
    const { body } = await plane.get(`/api/v1/kpis/summary?from=${iso(T[0] - 1000)}&to=${iso(now)}`, read);
    assert.equal((body as { kpis: { totalCostUsd: number } }).kpis.totalCostUsd, 0.75 + 1.25 + 2.25 + 2.25);
  });

  it('GET /api/v1/price-book shows the versions, the one in effect and the layers under it', async () => {
    const { status, body } = await plane.get(`/api/v1/price-book?at=${iso(T[1] + 1000)}`, read);
    assert.equal(status, 200);
    const b = body as { versions: { effectiveFrom: string }[]; inEffect: { effectiveFrom: string }; defaultEntries: { source?: string }[] };
    assert.deepEqual(b.versions.map((v) => v.effectiveFrom), [iso(T[0]), iso(T[1]), iso(T[2])]);
    assert.equal(b.inEffect.effectiveFrom, iso(T[1]));
    assert.ok(b.defaultEntries.length > 10 && b.defaultEntries.every((e) => typeof e.source === 'string'));
  });

  it('refuses bad versions with the field named, non-admin keys, and unknown tenants', async () => {
    const bad = await addVersion(iso(T[0]), [{ component: 'telephony', perMinuteUSD: 1 }]);
    assert.equal(bad.status, 400);
    assert.match((bad.body as { error: { message: string } }).error.message, /entries\[0\]\.perMinuteUSD: unknown field/);
    assert.equal((await addVersion('yesterday', book(1))).status, 400);
    assert.equal((await addVersion(iso(T[0]), book(1), read)).status, 403);
    assert.equal((await addVersion(iso(T[0]), book(1), admin, 'nobody')).status, 404);
    assert.equal(await costOf('c1'), 0.75, 'a refused version changes nothing');
  });

  it('versions survive a restart and keep pricing new calls', async () => {
    await plane.close();
    plane = await startTestPlane({ LUMAY_DATA_DIR: dataDir });
    const { body } = await plane.get('/api/v1/price-book', read);
    assert.equal((body as { versions: unknown[] }).versions.length, 3);
    await send([call('c5', T[4])]);
    assert.equal(await costOf('c5'), 2.25);
    assert.equal(await costOf('c1'), 0.75);
  });
});
