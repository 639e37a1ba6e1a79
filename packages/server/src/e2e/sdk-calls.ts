import { context, trace, SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';
import { BatchSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BusinessEventAttr, CallAttr, ConnectorAttr, CostAttr, EventName, StageAttr, TurnAttr, UsageAttr, WorkItemAttr } from '@lumay/conventions';

/** A call described compactly; emitCalls turns it into spans exactly as docs/semantic-conventions.md says. */
export interface CallSpec {
  callId: string;
  direction: 'inbound' | 'outbound';
  /** Omit to let the plane infer it. */
  outcome?: string;
  answeredBy?: string;
  agentId: string;
  agentVersion: string;
  campaignId?: string;
  startMs: number;
  durationMs: number;
  connectors?: { name: string; success: boolean; durationMs?: number; kind?: string; operation?: string }[];
  sentiment?: string;
  workItems?: string[];
  /** Escalation by transfer span, with this reason. */
  transferReason?: string;
  costUsd?: number;
  /** Milliseconds of the LLM span (for the bottleneck). */
  llmMs?: number;
  /** Business events on the root span (`lumay.business_event`). */
  businessEvents?: { name: string; value?: number }[];
  /** Extra root attributes. */
  attributes?: Attributes;
}

function child(tracer: ReturnType<TracerProvider['getTracer']>, parent: Span, name: string, startMs: number, durationMs: number, attributes: Attributes): Span {
  const span = tracer.startSpan(name, { startTime: startMs, attributes }, trace.setSpan(context.active(), parent));
  span.end(startMs + durationMs);
  return span;
}

/** Emits one trace per call through the official SDK and the given exporter, then flushes. */
export async function emitCalls(exporter: SpanExporter, calls: CallSpec[], serviceName = 'voice-engine'): Promise<void> {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter, maxExportBatchSize: 512, maxQueueSize: 100_000, scheduledDelayMillis: 10 })],
  });
  const tracer = provider.getTracer('lumay-e2e');
  for (const c of calls) {
    const attributes: Attributes = {
      [CallAttr.id]: c.callId,
      [CallAttr.direction]: c.direction,
      [CallAttr.agentId]: c.agentId,
      [CallAttr.agentVersion]: c.agentVersion,
      ...c.attributes,
    };
    if (c.outcome) attributes[CallAttr.outcome] = c.outcome;
    if (c.answeredBy) attributes[CallAttr.answeredBy] = c.answeredBy;
    if (c.campaignId) attributes[CallAttr.campaignId] = c.campaignId;
    if (c.sentiment) attributes[CallAttr.sentiment] = c.sentiment;
    if (c.costUsd !== undefined) attributes[CostAttr.usd] = c.costUsd;
    const root = tracer.startSpan('call', { startTime: c.startMs, attributes, root: true });
    let at = c.startMs;
    child(tracer, root, 'telephony', at, 50, { [StageAttr.stage]: 'telephony' });
    at += 50;
    if (c.direction === 'inbound' || c.answeredBy === 'human') {
      const turn = tracer.startSpan('turn', { startTime: at, attributes: { [TurnAttr.number]: 1 } }, trace.setSpan(context.active(), root));
      child(tracer, turn, 'stt', at, 100, { [StageAttr.stage]: 'stt', [UsageAttr.sttAudioSeconds]: 3 });
      at += 100;
      const llmMs = c.llmMs ?? 300;
      child(tracer, turn, 'llm', at, llmMs, {
        [StageAttr.stage]: 'llm',
        [StageAttr.model]: 'gpt-4o-mini',
        [UsageAttr.inputTokens]: 1000,
        [UsageAttr.outputTokens]: 100,
      });
      at += llmMs;
      let itemsEmitted = false;
      for (const k of c.connectors ?? []) {
        const span = tracer.startSpan(
          `connector ${k.name}`,
          {
            startTime: at,
            attributes: {
              [StageAttr.stage]: 'connector',
              [ConnectorAttr.name]: k.name,
              [ConnectorAttr.success]: k.success,
              ...(k.kind ? { [ConnectorAttr.kind]: k.kind } : {}),
              ...(k.operation ? { [ConnectorAttr.operation]: k.operation } : {}),
            },
          },
          trace.setSpan(context.active(), turn),
        );
        if (!k.success) span.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream 503' });
        if (k.success && !itemsEmitted) {
          itemsEmitted = true;
          for (const type of c.workItems ?? []) {
            span.addEvent(EventName.workItem, { [WorkItemAttr.type]: type, [WorkItemAttr.id]: `${c.callId}-${type}` }, at + 1);
          }
        }
        span.end(at + (k.durationMs ?? 80));
        at += k.durationMs ?? 80;
      }
      child(tracer, turn, 'tts', at, 120, { [StageAttr.stage]: 'tts', [UsageAttr.ttsCharacters]: 200 });
      at += 120;
      turn.end(at);
      if (c.transferReason) {
        child(tracer, root, 'transfer', at, 30, { [StageAttr.stage]: 'transfer', [CallAttr.escalationReason]: c.transferReason });
      }
    }
    for (const e of c.businessEvents ?? []) {
      const attrs: Attributes = { [BusinessEventAttr.name]: e.name };
      if (e.value !== undefined) attrs[BusinessEventAttr.value] = e.value;
      root.addEvent(EventName.businessEvent, attrs, c.startMs + 1);
    }
    root.end(c.startMs + c.durationMs);
  }
  await provider.forceFlush();
  await provider.shutdown();
}
