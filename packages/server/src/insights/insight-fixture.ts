import { newSpanId, newTraceId, type JsonSpan } from '../e2e/otlp-json-body.js';

/** Test calls for the insights API: what each call is, and its spans (OTLP JSON). */
export interface CallPlan {
  id: string;
  version: string;
  outcome: 'resolved' | 'escalated';
  reason?: string;
  connector?: { name: string; ok: boolean };
  /** Start, ms before now. */
  agoMs?: number;
}

/** One call: a root span, an STT hop of 200 ms, an LLM hop of 3 s, and maybe a connector call. */
export function callSpans(now: number, plan: CallPlan): JsonSpan[] {
  const traceId = newTraceId();
  const rootId = newSpanId();
  const start = now - (plan.agoMs ?? 120_000);
  const spans: JsonSpan[] = [
    {
      traceId,
      spanId: rootId,
      name: 'call',
      startMs: start,
      endMs: start + 10_000,
      attributes: {
        'lumay.call.id': plan.id,
        'gen_ai.agent.id': 'agent',
        'gen_ai.agent.version': plan.version,
        'lumay.call.outcome': plan.outcome,
        ...(plan.reason ? { 'lumay.call.escalation.reason': plan.reason } : {}),
      },
    },
    {
      traceId,
      spanId: newSpanId(),
      parentSpanId: rootId,
      name: 'stt',
      startMs: start + 100,
      endMs: start + 300,
      attributes: { 'lumay.stage': 'stt' },
    },
    {
      traceId,
      spanId: newSpanId(),
      parentSpanId: rootId,
      name: 'llm',
      startMs: start + 300,
      endMs: start + 3300,
      attributes: { 'lumay.stage': 'llm' },
    },
  ];
  if (plan.connector) {
    spans.push({
      traceId,
      spanId: newSpanId(),
      parentSpanId: rootId,
      name: 'connector',
      startMs: start + 4000,
      endMs: start + 4500,
      error: !plan.connector.ok,
      attributes: {
        'lumay.stage': 'connector',
        'lumay.connector.name': plan.connector.name,
        'lumay.connector.success': plan.connector.ok,
      },
    });
  }
  return spans;
}
