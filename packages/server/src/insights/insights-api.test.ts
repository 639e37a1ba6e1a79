import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlane, type TestPlane } from '../e2e/test-plane.js';
import { otlpJsonBody, postJson } from '../e2e/otlp-json-body.js';
import { callSpans, type CallPlan } from './insight-fixture.js';
import { twoProportionTest } from './proportion-stats.js';

const now = Date.now();
const window = `from=${now - 3_600_000}&to=${now + 3_600_000}`;

describe('insights API: what moved, why, and versions side by side', () => {
  let plane: TestPlane;
  let keyA: string;
  let keyB: string;
  let adminA: string;
  const consoleDir = mkdtempSync(join(tmpdir(), 'lumay-console-dist-'));
  const failedCrm = ['a-fail-1', 'a-fail-2', 'a-fail-3', 'a-fail-4'];

  before(async () => {
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(consoleDir, 'assets', 'app-1.js'), 'console.log(1)');
    process.env.LUMAY_CONSOLE_DIR = consoleDir;
    plane = await startTestPlane();
    keyA = await plane.tenantWithKey('tenant-a');
    keyB = await plane.tenantWithKey('tenant-b');
    adminA = await plane.tenantWithKey('tenant-a', ['admin']);
    const a: CallPlan[] = [
      ...failedCrm.map((id) => ({
        id,
        version: 'v1',
        outcome: 'escalated' as const,
        reason: 'crm_down',
        connector: { name: 'crm', ok: false },
      })),
      ...[1, 2, 3, 4, 5, 6].map((i) => ({
        id: `a-v1-ok-${i}`,
        version: 'v1',
        outcome: 'resolved' as const,
        connector: { name: 'crm', ok: true },
      })),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => ({
        id: `a-v2-${i}`,
        version: 'v2',
        outcome: 'resolved' as const,
        connector: { name: 'crm', ok: true },
      })),
      // The previous window (now − 3 h … now − 1 h): two escalations for another reason.
      { id: 'a-prev-1', version: 'v1', outcome: 'escalated', reason: 'billing', agoMs: 7_200_000 },
      { id: 'a-prev-2', version: 'v1', outcome: 'escalated', reason: 'billing', agoMs: 7_200_000 },
    ];
    const b: CallPlan[] = [1, 2, 3].map((i) => ({
      id: `b-${i}`,
      version: 'v9',
      outcome: 'escalated',
      reason: 'secret_b',
      connector: { name: 'erp', ok: false },
    }));
    await postJson(plane.httpUrl, keyA, otlpJsonBody(a.flatMap((plan) => callSpans(now, plan))));
    await postJson(plane.httpUrl, keyB, otlpJsonBody(b.flatMap((plan) => callSpans(now, plan))));
    await plane.settle();
  });

  after(async () => {
    await plane.destroy();
    delete process.env.LUMAY_CONSOLE_DIR;
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('ranks escalation reasons and compares them with the previous window', async () => {
    const res = await plane.get(`/api/v1/insights?${window}`, keyA);
    assert.equal(res.status, 200);
    const body = res.body as {
      calls: number;
      previousCalls: number;
      escalationReasons: {
        reason: string;
        count: number;
        previousCount: number;
        rate: number;
        examples: { callId: string }[];
      }[];
    };
    assert.equal(body.calls, 20);
    assert.equal(
      body.previousCalls,
      2,
      'the previous window of [now−1h, now+1h) is [now−3h, now−1h): the two calls at now−2h',
    );
    const billing = body.escalationReasons.find((r) => r.reason === 'billing');
    assert.deepEqual({ count: billing?.count, previousCount: billing?.previousCount }, { count: 0, previousCount: 2 });
    const top = body.escalationReasons[0];
    assert.equal(top?.reason, 'crm_down');
    assert.equal(top?.count, 4);
    assert.equal(top?.rate, 4 / 20);
    assert.deepEqual(top?.examples.map((e) => e.callId).sort(), [...failedCrm].sort());
    assert.ok(!body.escalationReasons.some((r) => r.reason === 'secret_b'), 'no other tenant\u2019s reasons');
  });

  it('compares with the window of the same length just before', async () => {
    const res = await plane.get(`/api/v1/insights?from=${now - 1_800_000}&to=${now + 1_800_000}`, keyA);
    const body = res.body as {
      previousCalls: number;
      escalationReasons: { reason: string; count: number; previousCount: number }[];
    };
    // [now−30m, now+30m) vs [now−90m, now−30m): the previous window holds none of the −2 h calls either.
    assert.equal(body.previousCalls, 0);
    const wide = (await plane.get(`/api/v1/insights?from=${now - 5_400_000}&to=${now + 1_800_000}`, keyA))
      .body as typeof body;
    // [now−90m, now+30m) vs [now−210m, now−90m): the previous window holds the two billing escalations.
    assert.equal(wide.previousCalls, 2);
    const billing = wide.escalationReasons.find((r) => r.reason === 'billing');
    assert.deepEqual({ count: billing?.count, previousCount: billing?.previousCount }, { count: 0, previousCount: 2 });
  });

  it('finds the connector whose failures precede escalations, and the dominant hop', async () => {
    const body = (await plane.get(`/api/v1/insights?${window}`, keyA)).body as {
      connectorEscalations: {
        connector: string;
        calls: number;
        failedCalls: number;
        escalationRateAfterFailure: number;
        escalationRateOtherwise: number;
        confidence: number;
        examples: { callId: string }[];
      }[];
      latency: { dominant: string; hops: { stage: string; totalMs: number }[]; examples: { callId: string }[] };
    };
    assert.deepEqual(
      body.connectorEscalations.map((c) => c.connector),
      ['crm'],
    );
    const crm = body.connectorEscalations[0];
    assert.deepEqual(
      [crm.calls, crm.failedCalls, crm.escalationRateAfterFailure, crm.escalationRateOtherwise],
      [20, 4, 1, 0],
    );
    assert.equal(crm.confidence, twoProportionTest(0, 16, 4, 4)?.confidence);
    assert.deepEqual(crm.examples.map((e) => e.callId).sort(), [...failedCrm].sort());
    assert.equal(body.latency.dominant, 'llm');
    assert.equal(body.latency.hops.find((h) => h.stage === 'llm')?.totalMs, 20 * 3000);
    assert.ok(body.latency.examples.length > 0 && body.latency.examples.every((e) => e.callId.startsWith('a-')));
  });

  it('puts versions side by side with the confidence of each difference', async () => {
    const body = (await plane.get(`/api/v1/insights/versions?${window}`, keyA)).body as {
      baseline: string;
      versions: {
        version: string;
        calls: number;
        metrics: Record<
          string,
          {
            value: number;
            interval: { low: number; high: number };
            vsBaseline: { difference: number; confidence: number } | null;
          }
        >;
      }[];
    };
    assert.equal(body.baseline, 'v1');
    assert.deepEqual(
      body.versions.map((v) => [v.version, v.calls]),
      [
        ['v1', 10],
        ['v2', 10],
      ],
    );
    const v2 = body.versions[1].metrics.containmentRate;
    assert.equal(v2.value, 1);
    assert.ok(Math.abs(v2.vsBaseline!.difference - 0.4) < 1e-12);
    assert.equal(v2.vsBaseline!.confidence, twoProportionTest(6, 10, 10, 10)?.confidence);
    assert.ok(v2.interval.low < 0.8 && v2.interval.high > 0.999999, 'a Wilson interval, not a point');
    assert.equal(body.versions[0].metrics.containmentRate.vsBaseline, null, 'the baseline is not compared with itself');
  });

  it('splits spend by cost component, summing to the KPI total', async () => {
    const cost = (await plane.get(`/api/v1/insights/cost?${window}`, keyA)).body as {
      calls: number;
      components: { component: string; totalUsd: number; escalatedUsd: number }[];
    };
    const kpis = (
      (await plane.get(`/api/v1/kpis/summary?${window}`, keyA)).body as {
        kpis: { totalCostUsd: number; escalatedCostUsd: number };
      }
    ).kpis;
    assert.equal(cost.calls, 20);
    assert.deepEqual(
      cost.components.map((c) => c.component),
      ['telephony', 'stt', 'llm', 'tts', 'connector', 'other'],
    );
    const total = cost.components.reduce((a, c) => a + c.totalUsd, 0);
    const escalated = cost.components.reduce((a, c) => a + c.escalatedUsd, 0);
    assert.ok(kpis.totalCostUsd > 0, 'the fixture calls are priced');
    assert.ok(Math.abs(total - kpis.totalCostUsd) < 1e-9, `${total} vs ${kpis.totalCostUsd}`);
    assert.ok(Math.abs(escalated - kpis.escalatedCostUsd) < 1e-9, `${escalated} vs ${kpis.escalatedCostUsd}`);
  });

  it('takes the tenant from the key: another tenant only for an admin', async () => {
    const forbidden = await plane.get(`/api/v1/insights?${window}&tenant=tenant-b`, keyA);
    assert.equal(forbidden.status, 403);
    const asB = (await plane.get(`/api/v1/insights?${window}`, keyB)).body as {
      calls: number;
      escalationReasons: { reason: string }[];
    };
    assert.equal(asB.calls, 3);
    assert.deepEqual(
      asB.escalationReasons.map((r) => r.reason),
      ['secret_b'],
    );
    const admin = (await plane.get(`/api/v1/insights/versions?${window}&tenant=tenant-b`, adminA)).body as {
      versions: { version: string }[];
    };
    assert.deepEqual(
      admin.versions.map((v) => v.version),
      ['v9'],
    );
    const links = await plane.get('/api/v1/console/links/b-1', keyA);
    assert.equal(links.status, 404, 'a call of another tenant has no links');
  });

  it('serves the console at / with deep links, and keeps unknown API paths JSON 404s', async () => {
    for (const path of ['/', '/calls/a-v2-1', '/insights']) {
      const res = await fetch(plane.httpUrl + path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(await res.text(), '<!doctype html><title>console</title>');
    }
    const asset = await fetch(`${plane.httpUrl}/assets/app-1.js`);
    assert.equal(await asset.text(), 'console.log(1)');
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(`${plane.httpUrl}/assets/missing.js`)).status, 404);
    // An escaping path never reads outside the console directory.
    const escape = await fetch(`${plane.httpUrl}/assets/..%2f..%2f..%2f..%2fetc/hostname`);
    assert.ok(escape.status === 404 || (await escape.text()) === '<!doctype html><title>console</title>');
    assert.equal((await fetch(`${plane.httpUrl}/calls/%E0%A4%A`)).status, 400);
    const api = await fetch(`${plane.httpUrl}/api/v1/nope`);
    assert.equal(api.status, 404);
    assert.deepEqual(((await api.json()) as { error: { status: number } }).error.status, 404);
    const openapi = (await (await fetch(`${plane.httpUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    assert.ok(
      openapi.paths['/api/v1/insights'] &&
        openapi.paths['/api/v1/insights/versions'] &&
        openapi.paths['/api/v1/insights/cost'],
    );
  });
});
