import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { CallAttr, ConnectorAttr, EventName, LogAttr, StageAttr, TurnAttr, UsageAttr, WorkItemAttr } from '@lumay/conventions';
import { planCalls, type CallPlan } from '@lumay/simulator/call-plan';
import { emitCall, type EmittedCounts } from './emit-call.js';
import { makeConnector, makePlan, makeTurn, makeUnanswered } from '@lumay/simulator/plan-fixture';

interface Emitted {
  counts: EmittedCounts;
  spans: ReadableSpan[];
  logs: ReadableLogRecord[];
}

/** Emits through the real SDK into in-memory exporters. */
async function emit(plans: CallPlan[]): Promise<Emitted> {
  const spanExporter = new InMemorySpanExporter();
  const logExporter = new InMemoryLogRecordExporter();
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })] });
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] });
  const counts = { spans: 0, logRecords: 0 };
  for (const plan of plans) {
    const c = emitCall(plan, tracerProvider.getTracer('test'), loggerProvider.getLogger('test'));
    counts.spans += c.spans;
    counts.logRecords += c.logRecords;
  }
  await Promise.all([tracerProvider.forceFlush(), loggerProvider.forceFlush()]);
  return { counts, spans: spanExporter.getFinishedSpans(), logs: logExporter.getFinishedLogRecords() };
}

const ms = hrTimeToMilliseconds;
const stageOf = (span: ReadableSpan): unknown => span.attributes[StageAttr.stage];

describe('emitCall', () => {
  it('emits a resolved inbound call as one trace under a parentless `call` root', async () => {
    const plan = makePlan({
      sentiment: 'positive',
      sentimentScore: 0.7,
      turns: [
        makeTurn(),
        makeTurn({ number: 2, startOffsetMs: 6000, connectors: [makeConnector({ operation: 'update_contact', workItem: { type: 'crm_update', id: 'CRM-9' } })] }),
      ],
    });
    const { counts, spans, logs } = await emit([plan]);
    const root = spans.find((s) => s.name === 'call');
    assert.ok(root);
    assert.equal(root.parentSpanContext, undefined, 'the root has no parent');
    const traceId = root.spanContext().traceId;
    assert.ok(spans.every((s) => s.spanContext().traceId === traceId), 'one trace per call');
    assert.deepEqual(
      { ...root.attributes },
      {
        [CallAttr.id]: plan.callId,
        [CallAttr.conversationId]: plan.callId,
        [CallAttr.direction]: 'inbound',
        [CallAttr.agentId]: 'support-agent',
        [CallAttr.agentVersion]: '1.0.0',
        [CallAttr.callerHash]: 'hash-test',
        [CallAttr.correlationId]: 'corr-test',
        [CallAttr.outcome]: 'resolved',
        [CallAttr.endReason]: 'agent_hangup',
        [CallAttr.sentiment]: 'positive',
        [CallAttr.sentimentScore]: 0.7,
      },
    );
    assert.equal(ms(root.startTime), plan.startMs);
    assert.equal(ms(root.endTime) - ms(root.startTime), plan.durationMs, 'duration = root end − root start');

    // telephony + 2 × (turn, stt, llm, tts) + 1 connector
    assert.equal(spans.length, 11);
    assert.equal(counts.spans, spans.length);
    const turns = spans.filter((s) => s.name === 'turn');
    assert.deepEqual(turns.map((t) => t.attributes[TurnAttr.number]), [1, 2]);
    assert.ok(turns.every((t) => t.parentSpanContext?.spanId === root.spanContext().spanId));
    const telephony = spans.find((s) => stageOf(s) === 'telephony');
    assert.equal(telephony?.parentSpanContext?.spanId, root.spanContext().spanId);
    assert.equal(telephony?.attributes[UsageAttr.telephonySeconds], 120);

    const inTurn2 = spans.filter((s) => s.parentSpanContext?.spanId === turns[1].spanContext().spanId);
    assert.deepEqual(inTurn2.map(stageOf), ['stt', 'llm', 'connector', 'tts'], 'pipeline order, back to back');
    inTurn2.forEach((s, i) => i === 0 || assert.equal(ms(s.startTime), ms(inTurn2[i - 1].endTime)));
    const [stt, llm, connector, tts] = inTurn2;
    assert.equal(stt.attributes[UsageAttr.sttAudioSeconds], 2);
    assert.equal(llm.attributes[StageAttr.genAiOperation], 'chat');
    assert.equal(llm.attributes[StageAttr.model], 'gpt-4o-mini');
    assert.equal(llm.attributes[UsageAttr.inputTokens], 900);
    assert.equal(llm.attributes[UsageAttr.outputTokens], 40);
    assert.equal(tts.attributes[UsageAttr.ttsCharacters], 'It arrives tomorrow.'.length);
    assert.equal(connector.attributes[ConnectorAttr.success], true);
    assert.deepEqual(
      connector.events.map((e) => [e.name, e.attributes?.[WorkItemAttr.type], e.attributes?.[WorkItemAttr.id]]),
      [[EventName.workItem, 'crm_update', 'CRM-9']],
    );

    assert.equal(logs.length, 4);
    assert.equal(counts.logRecords, 4);
    assert.deepEqual(
      logs.map((l) => [l.attributes[LogAttr.transcriptRole], l.attributes[LogAttr.turnNumber], l.body]),
      [
        ['caller', 1, 'Where is my order?'],
        ['agent', 1, 'It arrives tomorrow.'],
        ['caller', 2, 'Where is my order?'],
        ['agent', 2, 'It arrives tomorrow.'],
      ],
    );
    assert.ok(logs.every((l) => l.spanContext?.traceId === traceId), 'transcript lines carry the call trace id');
    assert.equal(logs[2].spanContext?.spanId, turns[1].spanContext().spanId, 'and the span id of their turn');
    assert.equal(ms(logs[2].hrTime), plan.startMs + 6000, 'the caller line at the start of the turn');
  });

  it('marks a failed connector call: success false, error.type, status ERROR, no work item', async () => {
    const failed = makeConnector({ connector: 'ticketing', operation: 'create_ticket', success: false, errorType: 'timeout' });
    const { spans } = await emit([makePlan({ turns: [makeTurn({ connectors: [failed] })] })]);
    const connector = spans.find((s) => stageOf(s) === 'connector');
    assert.equal(connector?.name, 'ticketing create_ticket');
    assert.equal(connector?.attributes[ConnectorAttr.name], 'ticketing');
    assert.equal(connector?.attributes[ConnectorAttr.operation], 'create_ticket');
    assert.equal(connector?.attributes[ConnectorAttr.success], false);
    assert.equal(connector?.attributes[StageAttr.errorType], 'timeout');
    assert.equal(connector?.status.code, SpanStatusCode.ERROR);
    assert.equal(connector?.events.length, 0);
  });

  it('gives an escalated call a transfer stage with the reason, inside the root', async () => {
    const plan = makePlan({ outcome: 'escalated', escalationReason: 'complaint', transfer: { offsetMs: 10_000, durationMs: 2000 } });
    const { spans } = await emit([plan]);
    const root = spans.find((s) => s.name === 'call');
    const transfer = spans.find((s) => stageOf(s) === 'transfer');
    assert.equal(root?.attributes[CallAttr.escalationReason], 'complaint');
    assert.equal(transfer?.attributes[CallAttr.escalationReason], 'complaint');
    assert.equal(transfer?.parentSpanContext?.spanId, root?.spanContext().spanId);
    assert.equal(ms(transfer?.startTime ?? [0, 0]), plan.startMs + 10_000);
  });

  it('sends an unanswered dial as root + telephony only, with answered_by and campaign', async () => {
    const { spans, logs } = await emit([makeUnanswered('busy')]);
    assert.deepEqual(spans.map((s) => s.name).sort(), ['call', 'telephony']);
    assert.equal(logs.length, 0);
    const root = spans.find((s) => s.name === 'call');
    assert.equal(root?.attributes[CallAttr.answeredBy], 'busy');
    assert.equal(root?.attributes[CallAttr.campaignId], 'renewals');
    assert.equal(root?.attributes[CallAttr.outcome], 'unanswered');
  });

  it('leaves the outcome out when the plane must infer it, and fails the root of a failed call', async () => {
    const { spans } = await emit([makePlan({ outcome: 'failed', outcomeStated: false, errorType: 'llm_timeout' })]);
    const root = spans.find((s) => s.name === 'call');
    assert.equal(root?.attributes[CallAttr.outcome], undefined);
    assert.equal(root?.status.code, SpanStatusCode.ERROR);
    assert.equal(root?.attributes[StageAttr.errorType], 'llm_timeout');
  });

  it('keeps every span of generated calls within its root and its trace', async () => {
    const plans = planCalls({ calls: 60, seed: 11, nowMs: Date.UTC(2025, 0, 1) });
    const { counts, spans, logs } = await emit(plans);
    assert.equal(spans.length, counts.spans);
    assert.equal(logs.length, counts.logRecords);
    const roots = new Map(spans.filter((s) => s.parentSpanContext === undefined).map((s) => [s.spanContext().traceId, s]));
    assert.equal(roots.size, plans.length, 'one root per call, each in its own trace');
    for (const span of spans) {
      const root = roots.get(span.spanContext().traceId);
      assert.ok(root, 'every span belongs to a call trace');
      assert.ok(ms(span.startTime) >= ms(root.startTime) && ms(span.endTime) <= ms(root.endTime), `${span.name} inside its root`);
    }
  });
});
