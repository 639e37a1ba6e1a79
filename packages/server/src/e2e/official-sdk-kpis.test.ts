import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata } from '@grpc/grpc-js';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { assertApproxEqual } from '../store/duckdb/approx-equal.js';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { emitCalls, type CallSpec } from './sdk-calls.js';
import type { KpiSummary } from '../kpis/kpi-types.js';

const now = Date.now();
const min = 60_000;

/** Seven calls whose every KPI is known by hand (see the expectations below). */
const calls: CallSpec[] = [
  { callId: 'c1', direction: 'inbound', outcome: 'resolved', agentId: 'a1', agentVersion: 'v1', startMs: now - 50 * min, durationMs: 120_000, connectors: [{ name: 'crm', success: true }], workItems: ['crm_update'], sentiment: 'positive' },
  { callId: 'c2', direction: 'inbound', agentId: 'a1', agentVersion: 'v1', startMs: now - 45 * min, durationMs: 60_000, connectors: [{ name: 'ticketing', success: false }], transferReason: 'billing dispute', sentiment: 'negative' },
  { callId: 'c3', direction: 'inbound', outcome: 'resolved', agentId: 'a2', agentVersion: 'v2', startMs: now - 40 * min, durationMs: 180_000, connectors: [{ name: 'ticketing', success: true }], workItems: ['ticket'], sentiment: 'neutral', llmMs: 2500 },
  { callId: 'c4', direction: 'outbound', answeredBy: 'human', outcome: 'resolved', agentId: 'a1', agentVersion: 'v1', campaignId: 'renewals', startMs: now - 35 * min, durationMs: 90_000 },
  { callId: 'c5', direction: 'outbound', answeredBy: 'machine', outcome: 'unanswered', agentId: 'a1', agentVersion: 'v1', campaignId: 'renewals', startMs: now - 30 * min, durationMs: 20_000 },
  { callId: 'c6', direction: 'outbound', answeredBy: 'no_answer', outcome: 'unanswered', agentId: 'a1', agentVersion: 'v1', campaignId: 'renewals', startMs: now - 25 * min, durationMs: 30_000 },
  { callId: 'c7', direction: 'inbound', outcome: 'abandoned', agentId: 'a2', agentVersion: 'v2', startMs: now - 20 * min, durationMs: 30_000 },
];

const expected: Partial<KpiSummary> = {
  calls: 7,
  handled: 5, // 4 inbound + 1 outbound answered by a person
  resolved: 3,
  escalated: 1, // c2, inferred from its transfer span
  abandoned: 1,
  failed: 0,
  unanswered: 2,
  inferredOutcomes: 1,
  containmentRate: 0.6,
  escalationRate: 0.2,
  avgDurationMs: 96_000, // (120 + 60 + 180 + 90 + 30) / 5 s
  p50DurationMs: 90_000,
  p90DurationMs: 156_000, // linear interpolation: 120 + 0.6 × (180 − 120) s
  connectorCalls: 3,
  connectorSuccesses: 2,
  outboundAttempts: 3,
  outboundAnswered: 1,
  workItems: { crm_update: 1, ticket: 1 },
};

const window = `from=${new Date(now - 2 * 60 * min).toISOString()}&to=${new Date(now + 60 * min).toISOString()}`;

describe('the official OpenTelemetry SDK sending calls to a running plane', () => {
  let plane: TestPlane;
  before(async () => {
    plane = await startTestPlane();
  });
  after(async () => plane.destroy());

  const exporters: [string, (key: string) => SpanExporter][] = [
    ['OTLP/HTTP protobuf', (key) => new ProtoExporter({ url: `${plane.httpUrl}/v1/traces`, headers: { authorization: `Bearer ${key}` } })],
    ['OTLP/HTTP JSON', (key) => new JsonExporter({ url: `${plane.httpUrl}/v1/traces`, headers: { authorization: `Bearer ${key}` } })],
    [
      'OTLP/gRPC',
      (key) => {
        const metadata = new Metadata();
        metadata.set('authorization', `Bearer ${key}`);
        return new GrpcExporter({ url: `http://${plane.grpcAddress}`, metadata });
      },
    ],
  ];

  for (const [name, makeExporter] of exporters) {
    it(`${name}: every KPI comes back exact`, async () => {
      const tenant = name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-$/, '');
      const key = await plane.tenantWithKey(tenant);
      await emitCalls(makeExporter(key), calls);
      await plane.settle();
      const { status, body } = await plane.get(`/api/v1/kpis/summary?${window}`, key);
      assert.equal(status, 200);
      const kpis = (body as { kpis: KpiSummary }).kpis;
      for (const [field, value] of Object.entries(expected)) {
        // Percentiles are read from a log-scale histogram: within its documented error of the exact value.
        if (field === 'p50DurationMs' || field === 'p90DurationMs') assertApproxEqual(kpis[field], value, field);
        else assert.deepEqual(kpis[field as keyof KpiSummary], value, field);
      }
      assert.ok(Math.abs((kpis.connectorSuccessRate ?? 0) - 2 / 3) < 1e-9);
      assert.ok(Math.abs((kpis.outboundAnswerRate ?? 0) - 1 / 3) < 1e-9);
      assert.deepEqual(
        [kpis.sentiment.positive, kpis.sentiment.neutral, kpis.sentiment.negative, kpis.sentiment.labelled],
        [1, 1, 1, 3],
      );
      assert.ok(kpis.totalCostUsd > 0, 'usage is priced');
      assert.ok(Math.abs((kpis.costPerResolvedUsd ?? 0) - kpis.totalCostUsd / 3) < 1e-9, 'cost per outcome = total / resolved');

      const byAgent = (await plane.get(`/api/v1/kpis/summary?${window}&agent=a2`, key)).body as { kpis: KpiSummary };
      assert.deepEqual([byAgent.kpis.calls, byAgent.kpis.handled, byAgent.kpis.resolved, byAgent.kpis.abandoned], [2, 2, 1, 1]);
      const outbound = (await plane.get(`/api/v1/kpis/summary?${window}&direction=outbound&campaign=renewals`, key)).body as { kpis: KpiSummary };
      assert.deepEqual([outbound.kpis.calls, outbound.kpis.handled, outbound.kpis.unanswered], [3, 1, 2]);
    });
  }

  it('shows one call as a waterfall with its bottleneck hop', async () => {
    const key = await plane.tenantWithKey('otlp-http-protobuf', ['read']);
    const { status, body } = await plane.get('/api/v1/calls/c3', key);
    assert.equal(status, 200);
    const detail = body as { session: { callId: string; bottleneckStage: string }; bottleneck: { stage: string; spanId: string }; waterfall: { name: string; depth: number; spanId: string; bottleneck: boolean }[] };
    assert.equal(detail.session.callId, 'c3');
    assert.equal(detail.bottleneck.stage, 'llm', 'the 2.5 s LLM hop dominates');
    const names = detail.waterfall.map((r) => `${r.depth}:${r.name}`);
    assert.deepEqual(names, ['0:call', '1:telephony', '1:turn', '2:stt', '2:llm', '2:connector ticketing', '2:tts']);
    assert.equal(detail.waterfall.find((r) => r.bottleneck)?.name, 'llm');
  });

  it('lists calls newest first with cursor pagination and filters', async () => {
    const key = await plane.tenantWithKey('otlp-http-json', ['read']);
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const { body } = await plane.get(`/api/v1/calls?${window}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, key);
      const { items, nextCursor } = body as { items: { callId: string }[]; nextCursor: string | null };
      seen.push(...items.map((i) => i.callId));
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    assert.deepEqual(seen, ['c7', 'c6', 'c5', 'c4', 'c3', 'c2', 'c1']);
    const escalated = (await plane.get(`/api/v1/calls?${window}&outcome=escalated`, key)).body as { items: { callId: string; escalationReason: string; outcomeInferred: boolean }[] };
    assert.deepEqual(escalated.items.map((i) => [i.callId, i.escalationReason, i.outcomeInferred]), [['c2', 'billing dispute', true]]);
  });
});
