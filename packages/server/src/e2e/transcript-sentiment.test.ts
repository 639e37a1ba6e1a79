import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { context, trace } from '@opentelemetry/api';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { startTestPlane, type TestPlane } from './test-plane.js';
import { newSpanId, newTraceId, otlpJsonBody, postJson, type JsonSpan } from './otlp-json-body.js';
import type { CallSession } from '../model/call-session.js';
import type { KpiSummary } from '../kpis/kpi-types.js';

const now = Date.now();

interface Line {
  role: 'caller' | 'agent';
  text: string;
}

describe('sentiment read from what the caller said', () => {
  let plane: TestPlane;
  let key: string;
  const a = { trace: newTraceId(), root: newSpanId(), start: now - 600_000 };

  /** Transcript lines through the official logs SDK, inside the call's trace. */
  const sendLines = async (traceId: string, rootId: string, lines: Line[], startMs: number): Promise<void> => {
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'voice-engine' }),
      processors: [new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${plane.httpUrl}/v1/logs`, headers: { authorization: `Bearer ${key}` } }) })],
    });
    const ctx = trace.setSpanContext(context.active(), { traceId, spanId: rootId, traceFlags: 1 });
    const logger = provider.getLogger('transcript');
    lines.forEach((line, i) => logger.emit({ body: line.text, attributes: { 'lumay.transcript.role': line.role }, context: ctx, timestamp: startMs + i * 5000 }));
    await provider.forceFlush();
    await provider.shutdown();
  };
  const sendSpans = async (spans: JsonSpan[]): Promise<void> => {
    assert.equal((await postJson(plane.httpUrl, key, otlpJsonBody(spans))).status, 200);
  };
  const sessionOf = async (callId: string): Promise<CallSession> => {
    const { status, body } = await plane.get(`/api/v1/calls/${callId}`, key);
    assert.equal(status, 200);
    return (body as { session: CallSession }).session;
  };
  const root = (traceId: string, spanId: string, callId: string, startMs: number, attributes: Record<string, string> = {}): JsonSpan => ({
    traceId,
    spanId,
    name: 'call',
    startMs,
    endMs: startMs + 60_000,
    attributes: { 'lumay.call.id': callId, 'lumay.call.outcome': 'resolved', ...attributes },
  });

  before(async () => {
    plane = await startTestPlane();
    key = await plane.tenantWithKey('acme');

    // A: the transcript arrives before any span of its call; the agent's apologies are not the caller's mood.
    await sendLines(a.trace, a.root, [
      { role: 'caller', text: 'You charged me twice, this is unacceptable.' },
      { role: 'agent', text: 'I am so sorry, that is terrible, let me look.' },
      { role: 'caller', text: 'My account number is 4471.' },
      { role: 'agent', text: 'I have refunded the duplicate charge.' },
      { role: 'caller', text: 'Perfect, thank you so much.' },
    ], a.start);
    await sendSpans([root(a.trace, a.root, 'call-a', a.start)]);

    // B: no transcript records, but turns carrying what the caller said.
    const b = { trace: newTraceId(), root: newSpanId(), start: now - 500_000 };
    const turn = (n: number, text: string): JsonSpan => ({
      traceId: b.trace,
      spanId: newSpanId(),
      parentSpanId: b.root,
      name: 'turn',
      startMs: b.start + n * 10_000,
      endMs: b.start + n * 10_000 + 5000,
      attributes: { 'lumay.turn.number': n, 'lumay.turn.user_text': text },
    });
    await sendSpans([
      turn(1, 'Hi, I need to move my appointment.'),
      turn(2, 'Tuesday please.'),
      turn(3, 'Why can nobody do this? I want to speak to a manager.'),
      root(b.trace, b.root, 'call-b', b.start),
    ]);

    // C: the engine states a sentiment; it wins over the transcript.
    const c = { trace: newTraceId(), root: newSpanId(), start: now - 400_000 };
    await sendSpans([root(c.trace, c.root, 'call-c', c.start, { 'lumay.call.sentiment': 'positive' })]);
    await sendLines(c.trace, c.root, [{ role: 'caller', text: 'This is ridiculous, nothing works.' }], c.start);
    await plane.settle();
  });
  after(async () => plane.destroy());

  it('labels a call from its transcript records, by how it ended, with the trajectory', async () => {
    const s = await sessionOf('call-a');
    assert.deepEqual([s.sentiment, s.sentimentSource, s.sentimentTrajectory], ['positive', 'transcript', 'improved']);
    assert.ok((s.sentimentStartScore ?? 0) < -0.25 && (s.sentimentScore ?? 0) > 0.25, `${s.sentimentStartScore} → ${s.sentimentScore}`);
  });

  it('keeps it when late spans rebuild the call (read back from the stored transcript)', async () => {
    await sendSpans([{ traceId: a.trace, spanId: newSpanId(), parentSpanId: a.root, name: 'tts', startMs: a.start + 1000, endMs: a.start + 2000, attributes: { 'lumay.stage': 'tts' } }]);
    await plane.settle();
    const s = await sessionOf('call-a');
    assert.deepEqual([s.revision, s.sentiment, s.sentimentSource, s.sentimentTrajectory], [2, 'positive', 'transcript', 'improved']);
  });

  it('scores each caller line on the call page, and only the caller’s', async () => {
    const { body } = await plane.get('/api/v1/calls/call-a', key);
    const logs = (body as { logs: { body: string; sentiment: { label: string } | null }[] }).logs;
    assert.deepEqual(
      logs.map((l) => l.sentiment?.label ?? null),
      ['negative', null, 'neutral', null, 'positive'],
    );
  });

  it('falls back to the turns’ user text', async () => {
    const s = await sessionOf('call-b');
    assert.deepEqual([s.sentiment, s.sentimentSource, s.sentimentTrajectory], ['negative', 'transcript', 'worsened']);
  });

  it('keeps a stated sentiment', async () => {
    const s = await sessionOf('call-c');
    assert.deepEqual([s.sentiment, s.sentimentSource, s.sentimentTrajectory], ['positive', 'stated', null]);
  });

  it('counts transcript sentiment in the KPI distribution', async () => {
    const { body } = await plane.get(`/api/v1/kpis/summary?from=${now - 3_600_000}&to=${now}`, key);
    const { sentiment } = (body as { kpis: KpiSummary }).kpis;
    assert.deepEqual([sentiment.positive, sentiment.negative, sentiment.labelled], [2, 1, 3]);
  });
});
