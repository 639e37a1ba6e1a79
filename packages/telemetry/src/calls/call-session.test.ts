import { context, SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { correlationLogFields, withCorrelationId, withTenant } from '../correlation/correlation-context.js';
import { EngineMetrics } from '../metrics/engine-metrics.js';
import { CallTracer } from './call-tracer.js';

// What initTelemetry registers; without a context manager `run` and `withCorrelationId` are no-ops.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

function setup(): { calls: CallTracer; metrics: EngineMetrics } {
  exporter.reset();
  const metrics = new EngineMetrics();
  return { calls: new CallTracer({ tracer: provider.getTracer('test'), metrics }), metrics };
}

function byName(name: string): ReadableSpan {
  const span = exporter.getFinishedSpans().find((s) => s.name === name);
  assert.ok(span, `span ${name} exported`);
  return span;
}

function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

async function metricValue(metrics: EngineMetrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => (v.labels as Attributes)[k] === l));
  return value?.value ?? 0;
}

describe('call-session API', () => {
  beforeEach(() => exporter.reset());

  test('a call produces the trace shape of docs/semantic-conventions.md', () => {
    const { calls } = setup();
    const call = calls.startCall({ callId: 'CA1', direction: 'inbound', agent: { id: 'support', name: 'Support', version: '1.4.2' }, callerHash: 'sha256:ab', correlationId: 'corr-1' });
    const telephony = call.startTelephony({ provider: 'twilio' });
    telephony.end({ billedSeconds: 42 });
    const turn = call.startTurn();
    turn.startStt({ provider: 'deepgram' }).end({ audioSeconds: 6.2, ttfbSeconds: 0.18 });
    turn.startLlm({ provider: 'openai', model: 'gpt-4o' }).end({ inputTokens: 1850, cachedInputTokens: 1000, outputTokens: 62 });
    const crm = turn.startConnector({ name: 'salesforce', kind: 'crm', operation: 'lookup_customer' });
    crm.retry();
    crm.succeed({ workItem: { type: 'crm_update', id: 'SF-1' } });
    turn.startTts({ provider: 'cartesia' }).end({ characters: 142 });
    turn.end({ sentiment: 'negative', sentimentScore: -0.5 });
    call.startTransfer({ reason: 'billing_dispute', provider: 'twilio' }).end();
    call.businessEvent('appointment_booked', 49.9);
    call.end({ outcome: 'escalated' });

    const spans = exporter.getFinishedSpans();
    assert.equal(spans.length, 8);
    assert.equal(new Set(spans.map((s) => s.spanContext().traceId)).size, 1, 'one trace per call');
    const root = byName('call');
    assert.equal(parentOf(root), undefined, 'the root has no parent');
    assert.equal(spans.at(-1), root, 'the root ends last');
    assert.deepEqual(
      { ...root.attributes },
      {
        'lumay.call.id': 'CA1',
        'lumay.call.direction': 'inbound',
        'lumay.correlation_id': 'corr-1',
        'gen_ai.agent.id': 'support',
        'gen_ai.agent.name': 'Support',
        'gen_ai.agent.version': '1.4.2',
        'lumay.call.caller.hash': 'sha256:ab',
        'lumay.call.outcome': 'escalated',
        'lumay.call.escalation.reason': 'billing_dispute',
        'lumay.call.end_reason': 'transferred',
      },
    );
    assert.deepEqual(root.events.map((e) => [e.name, e.attributes]), [['lumay.business_event', { 'lumay.business_event.name': 'appointment_booked', 'lumay.business_event.value': 49.9 }]]);

    const turnSpan = byName('turn');
    assert.equal(parentOf(turnSpan), root.spanContext().spanId);
    assert.equal(turnSpan.attributes['lumay.turn.number'], 1);
    assert.equal(turnSpan.attributes['lumay.turn.sentiment'], 'negative');
    assert.equal(turnSpan.attributes['lumay.turn.sentiment.score'], -0.5);
    for (const name of ['stt', 'chat gpt-4o', 'connector salesforce.lookup_customer', 'tts']) {
      assert.equal(parentOf(byName(name)), turnSpan.spanContext().spanId, `${name} is a child of the turn`);
      assert.equal(byName(name).kind, SpanKind.CLIENT);
    }
    assert.equal(parentOf(byName('telephony')), root.spanContext().spanId);
    assert.deepEqual({ ...byName('telephony').attributes }, { 'lumay.stage': 'telephony', 'lumay.provider': 'twilio', 'lumay.usage.telephony.seconds': 42 });
    assert.deepEqual(
      { ...byName('stt').attributes },
      { 'lumay.stage': 'stt', 'lumay.provider': 'deepgram', 'lumay.usage.stt.audio_seconds': 6.2, 'lumay.stage.ttfb_seconds': 0.18 },
    );
    assert.deepEqual(
      { ...byName('chat gpt-4o').attributes },
      {
        'lumay.stage': 'llm',
        'lumay.provider': 'openai',
        'gen_ai.provider.name': 'openai',
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 1850,
        'gen_ai.usage.cache_read.input_tokens': 1000,
        'gen_ai.usage.output_tokens': 62,
      },
    );
    const connector = byName('connector salesforce.lookup_customer');
    assert.deepEqual(
      { ...connector.attributes },
      {
        'lumay.stage': 'connector',
        'lumay.connector.name': 'salesforce',
        'lumay.connector.operation': 'lookup_customer',
        'lumay.connector.kind': 'crm',
        'lumay.connector.success': true,
        'lumay.connector.retries': 1,
      },
    );
    assert.deepEqual(connector.events.map((e) => [e.name, e.attributes]), [
      ['lumay.work_item', { 'lumay.work_item.type': 'crm_update', 'lumay.work_item.id': 'SF-1', 'lumay.work_item.system': 'salesforce' }],
    ]);
    assert.equal(byName('tts').attributes['lumay.usage.tts.characters'], 142);
    const transfer = byName('transfer');
    assert.equal(transfer.kind, SpanKind.INTERNAL);
    assert.equal(transfer.attributes['lumay.stage'], 'transfer');
    assert.deepEqual(transfer.events.map((e) => [e.name, e.attributes]), [['lumay.transfer', { 'lumay.call.escalation.reason': 'billing_dispute' }]]);
  });

  test('explicit timestamps replay a call that happened earlier', () => {
    const { calls } = setup();
    const t0 = Date.parse('2026-01-05T10:00:00Z');
    const call = calls.startCall({ startTime: t0 });
    call.startTurn({ startTime: t0 + 1000 }).end({ endTime: t0 + 9000 });
    call.end({ outcome: 'resolved', endTime: t0 + 60_000 });
    const root = byName('call');
    assert.deepEqual(root.startTime, [Math.floor(t0 / 1000), 0]);
    assert.deepEqual(root.endTime, [Math.floor(t0 / 1000) + 60, 0]);
    assert.deepEqual(byName('turn').startTime, [Math.floor(t0 / 1000) + 1, 0]);
    assert.equal(root.attributes['lumay.call.id'], root.spanContext().traceId, 'the call id defaults to the trace id');
  });

  test('a root started inside another trace still starts a trace of its own', () => {
    const { calls } = setup();
    const webhook = provider.getTracer('test').startSpan('POST /twilio/voice');
    const call = webhook.isRecording() ? calls.startCall() : undefined;
    assert.ok(call);
    assert.notEqual(call.traceId, webhook.spanContext().traceId);
    call.end({ outcome: 'resolved' });
    webhook.end();
  });

  test('connector failures, timeouts and callConnector errors are recorded and counted', async () => {
    const { calls, metrics } = setup();
    const call = calls.startCall();
    const turn = call.startTurn();
    turn.startConnector({ name: 'zendesk', operation: 'create_ticket' }).fail({ errorType: 'http_503' });
    turn.startConnector({ name: 'zendesk', operation: 'create_ticket' }).timeout();
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    await assert.rejects(turn.callConnector({ name: 'calendar', operation: 'book' }, async () => Promise.reject(refused)), refused);
    const booked = await turn.callConnector({ name: 'calendar', operation: 'book' }, async () => 'slot-1');
    assert.equal(booked, 'slot-1');
    turn.end();
    call.end({ outcome: 'resolved' });

    const connectors = exporter.getFinishedSpans().filter((s) => s.attributes['lumay.stage'] === 'connector');
    assert.deepEqual(
      connectors.map((s) => [s.attributes['lumay.connector.success'], s.attributes['error.type'], s.attributes['lumay.connector.timed_out'], s.status.code]),
      [
        [false, 'http_503', false, SpanStatusCode.ERROR],
        [false, 'timeout', true, SpanStatusCode.ERROR],
        [false, 'ECONNREFUSED', false, SpanStatusCode.ERROR],
        [true, undefined, undefined, SpanStatusCode.UNSET],
      ],
    );
    const counter = 'lumay_engine_connector_calls_total';
    assert.equal(await metricValue(metrics, counter, { connector: 'zendesk', outcome: 'failure' }), 1);
    assert.equal(await metricValue(metrics, counter, { connector: 'zendesk', outcome: 'timeout' }), 1);
    assert.equal(await metricValue(metrics, counter, { connector: 'calendar', outcome: 'failure' }), 1);
    assert.equal(await metricValue(metrics, counter, { connector: 'calendar', outcome: 'success' }), 1);
    assert.equal(await metricValue(metrics, 'lumay_engine_errors_total', { kind: 'connector' }), 3);
  });

  test('misuse is repaired and counted, never thrown', async () => {
    const { calls, metrics } = setup();
    const call = calls.startCall();
    assert.equal(calls.activeCalls, 1);
    assert.equal(await metricValue(metrics, 'lumay_engine_active_calls', {}), 1);
    const turn = call.startTurn();
    turn.startLlm({ model: 'gpt-4o' }).end({ inputTokens: -5, outputTokens: Number.NaN });
    turn.startStt(); // left open
    call.end(); // no outcome
    call.end({ outcome: 'resolved' }); // twice
    // A value outside the closed set, as plain JavaScript could pass it.
    calls.startCall().end({ outcome: 'contained' as never });

    const root = exporter.getFinishedSpans().filter((s) => s.name === 'call')[0];
    assert.equal(root.attributes['lumay.call.outcome'], undefined, 'no outcome stated: the plane infers it');
    const llm = byName('chat gpt-4o');
    assert.equal(llm.attributes['gen_ai.usage.input_tokens'], undefined);
    assert.equal(llm.attributes['gen_ai.usage.output_tokens'], undefined);
    const stt = byName('stt');
    assert.ok(stt.ended, 'an open stage is ended with the call');
    assert.deepEqual(stt.endTime, root.endTime);
    assert.ok(byName('turn').ended);
    assert.equal(exporter.getFinishedSpans().filter((s) => s.name === 'call').length, 2, 'the double end emits nothing more');
    assert.equal(calls.activeCalls, 0);
    assert.equal(await metricValue(metrics, 'lumay_engine_active_calls', {}), 0);
    const errors = (kind: string): Promise<number> => metricValue(metrics, 'lumay_engine_errors_total', { kind });
    assert.equal(await errors('call_outcome_missing'), 1);
    assert.equal(await errors('call_ended_twice'), 1);
    assert.equal(await errors('span_left_open'), 2, 'the stt stage and the turn');
    assert.equal(await errors('invalid_argument'), 3, 'two bad token counts and one bad outcome');
  });

  test('calls left open are ended as failed by endOpenCalls (shutdown)', () => {
    const { calls } = setup();
    calls.startCall({ callId: 'left' });
    assert.equal(calls.endOpenCalls(), 1);
    const root = byName('call');
    assert.equal(root.attributes['lumay.call.outcome'], 'failed');
    assert.equal(root.attributes['error.type'], 'call_left_open');
    assert.equal(root.status.code, SpanStatusCode.ERROR);
    assert.equal(calls.activeCalls, 0);
  });

  test('a call started at an edge takes its correlation id and tenant into its trace and log fields', () => {
    const { calls } = setup();
    const call = withTenant('acme', () => withCorrelationId('edge-1', () => calls.startCall()));
    assert.equal(call.correlationId, 'edge-1');
    const fields = call.startTurn().run(() => correlationLogFields());
    assert.deepEqual(Object.keys(fields).sort(), ['correlation_id', 'span_id', 'tenant', 'trace_id']);
    assert.equal(fields.correlation_id, 'edge-1');
    assert.equal(fields.tenant, 'acme');
    assert.equal(fields.trace_id, call.traceId);
    call.end({ outcome: 'resolved' });
    assert.equal(byName('call').attributes['lumay.correlation_id'], 'edge-1');
    const minted = calls.startCall();
    assert.match(minted.correlationId, /^[0-9a-f-]{36}$/, 'minted when nothing is active');
    minted.end({ outcome: 'resolved' });
  });

  test('a call forgotten longer than the longest call is ended as failed, the others are left alone', async () => {
    const { calls, metrics } = setup();
    const forgotten = calls.startCall({ callId: 'forgotten' });
    assert.equal(calls.endStaleCalls(Date.now() + 7100 * 1000), 0, 'within two hours: still a call');
    assert.equal(calls.endStaleCalls(Date.now() + 7201 * 1000), 1);
    assert.ok(forgotten.ended);
    assert.equal(byName('call').attributes['lumay.call.outcome'], 'failed');
    assert.equal(await metricValue(metrics, 'lumay_engine_active_calls', {}), 0);
    assert.equal(await metricValue(metrics, 'lumay_engine_errors_total', { kind: 'call_left_open' }), 1);
    calls.endOpenCalls();
  });

  test('outbound calls carry campaign and who answered, Twilio values as given', () => {
    const { calls } = setup();
    const call = calls.startCall({ direction: 'outbound', campaignId: 'renewals' });
    call.setAnsweredBy('machine_end_beep');
    call.setSentiment('positive', 0.6);
    call.end({ outcome: 'unanswered', endReason: 'voicemail' });
    const root = byName('call');
    assert.equal(root.attributes['lumay.call.direction'], 'outbound');
    assert.equal(root.attributes['lumay.campaign.id'], 'renewals');
    assert.equal(root.attributes['lumay.call.answered_by'], 'machine_end_beep');
    assert.equal(root.attributes['lumay.call.sentiment'], 'positive');
    assert.equal(root.attributes['lumay.call.sentiment.score'], 0.6);
    assert.equal(root.attributes['lumay.call.end_reason'], 'voicemail');
  });
});
