import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { CallTracer } from '@lumay/telemetry';
import { CallTraceRegistry, CallTracesOnlyExporter } from './call-traces-only.js';

/** A tracer whose spans pass through the filter into memory; the registry learns calls as they start. */
function setup(): { provider: TracerProvider; memory: InMemorySpanExporter; registry: CallTraceRegistry } {
  const memory = new InMemorySpanExporter();
  const registry = new CallTraceRegistry();
  const provider = new TracerProvider({ spanProcessors: [registry, new SimpleSpanProcessor({ exporter: new CallTracesOnlyExporter(memory, registry) })] });
  return { provider, memory, registry };
}

describe('CallTracesOnlyExporter', () => {
  it('keeps every span of a call’s trace and drops traces that are not calls (webhook HTTP, Management API)', () => {
    const { provider, memory } = setup();
    const tracer = provider.getTracer('test');
    const calls = new CallTracer({ tracer });

    // The webhook's own server span: a trace of its own, with the call started inside it.
    const webhook = tracer.startSpan('POST /twilio/voice', {}, ROOT_CONTEXT);
    const call = calls.startCall({ callId: 'CA1' });
    const turn = call.startTurn();
    const child = tracer.startSpan('pg.query:INSERT', {}, turn.context);
    child.end();
    turn.end();
    webhook.end();
    tracer.startSpan('GET /api/stats', {}, ROOT_CONTEXT).end();
    call.end({ outcome: 'resolved' });

    const exported = memory.getFinishedSpans();
    assert.deepEqual(exported.map((span) => span.name).sort(), ['call', 'pg.query:INSERT', 'turn']);
    assert.ok(exported.every((span) => span.spanContext().traceId === call.traceId));
  });

  it('still exports the call’s late spans (the worker’s, after the root ended)', () => {
    const { provider, memory } = setup();
    const tracer = provider.getTracer('test');
    const call = new CallTracer({ tracer }).startCall({ callId: 'CA2' });
    const publishContext = trace.setSpan(ROOT_CONTEXT, call.span);
    call.end({ outcome: 'resolved' });
    tracer.startSpan('summaries process', {}, publishContext).end();
    assert.ok(memory.getFinishedSpans().some((span) => span.name === 'summaries process'));
  });

  it('forgets a call once its retention ran out', () => {
    const { provider, registry } = setup();
    const call = new CallTracer({ tracer: provider.getTracer('test') }).startCall({ callId: 'CA3' });
    assert.ok(registry.isCall(call.traceId, Date.now()));
    call.end({ outcome: 'resolved' });
    const muchLater = Date.now() + 11 * 60_000;
    assert.equal(registry.isCall(call.traceId, muchLater), false);
    registry.prune(muchLater);
    assert.equal(registry.isCall(call.traceId, Date.now()), false, 'pruned from the map');
  });

  it('answers success without calling the real exporter when nothing is left', () => {
    let called = false;
    const inner = new InMemorySpanExporter();
    inner.export = () => (called = true);
    const { provider, registry } = setup();
    const exporter = new CallTracesOnlyExporter(inner, registry);
    const span = provider.getTracer('test').startSpan('GET /metrics', {}, ROOT_CONTEXT);
    span.end();
    let code: ExportResultCode | undefined;
    exporter.export([span as unknown as Parameters<typeof exporter.export>[0][number]], (result) => (code = result.code));
    assert.equal(code, ExportResultCode.SUCCESS);
    assert.equal(called, false);
  });
});
