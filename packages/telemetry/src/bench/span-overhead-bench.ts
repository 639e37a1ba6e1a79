/**
 * Overhead of the SDK per span against the bare OpenTelemetry SDK doing the same work.
 *
 *   node packages/telemetry/dist/bench/span-overhead-bench.js [--calls N] [--rounds R] [--json]
 *
 * Both sides build the same call (a root, a turn, stt, llm, a connector, tts: 6 spans with the
 * conventions' attributes) on the official TracerProvider with a batch processor and an exporter
 * that accepts and drops, so what is measured is span creation, attributes and processing, not
 * the network. The SDK side adds what it really does: argument checks, the open-span bookkeeping,
 * the correlation-id processor and the engine's Prometheus histograms and counters. Rounds
 * alternate the two sides; the median round is reported.
 */
import { ROOT_CONTEXT, SpanKind, trace, type Tracer } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { parseArgs } from 'node:util';
import { createTelemetry } from '../init/create-telemetry.js';
import type { CallTracer } from '../calls/call-tracer.js';

class DroppingExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.exported += spans.length;
    done({ code: ExportResultCode.SUCCESS });
  }
  async shutdown(): Promise<void> {}
}

const SPANS_PER_CALL = 6;
const BATCH = { maxQueueSize: 65_536, maxExportBatchSize: 4096, scheduledDelayMillis: 50 };

function bareCall(tracer: Tracer, i: number): void {
  const root = tracer.startSpan('call', { root: true, attributes: { 'lumay.call.id': `CA${i}`, 'lumay.call.direction': 'inbound', 'gen_ai.agent.id': 'support', 'gen_ai.agent.version': '1.0.0', 'lumay.correlation_id': `c-${i}` } });
  const rootContext = trace.setSpan(ROOT_CONTEXT, root);
  const turn = tracer.startSpan('turn', { attributes: { 'lumay.turn.number': 1, 'lumay.correlation_id': `c-${i}` } }, rootContext);
  const turnContext = trace.setSpan(rootContext, turn);
  const stage = (name: string, attributes: Record<string, string | number | boolean>): void => {
    tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes: { ...attributes, 'lumay.correlation_id': `c-${i}` } }, turnContext).end();
  };
  stage('stt', { 'lumay.stage': 'stt', 'lumay.provider': 'deepgram', 'lumay.usage.stt.audio_seconds': 4.2 });
  stage('chat gpt-4o', { 'lumay.stage': 'llm', 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 900, 'gen_ai.usage.output_tokens': 40 });
  stage('connector crm.lookup', { 'lumay.stage': 'connector', 'lumay.connector.name': 'crm', 'lumay.connector.operation': 'lookup', 'lumay.connector.success': true, 'lumay.connector.retries': 0 });
  stage('tts', { 'lumay.stage': 'tts', 'lumay.provider': 'cartesia', 'lumay.usage.tts.characters': 120 });
  turn.end();
  root.setAttribute('lumay.call.outcome', 'resolved');
  root.end();
}

function sdkCall(calls: CallTracer, i: number): void {
  const call = calls.startCall({ callId: `CA${i}`, direction: 'inbound', agent: { id: 'support', version: '1.0.0' }, correlationId: `c-${i}` });
  const turn = call.startTurn();
  turn.startStt({ provider: 'deepgram' }).end({ audioSeconds: 4.2 });
  turn.startLlm({ model: 'gpt-4o' }).end({ inputTokens: 900, outputTokens: 40 });
  turn.startConnector({ name: 'crm', operation: 'lookup' }).succeed();
  turn.startTts({ provider: 'cartesia' }).end({ characters: 120 });
  turn.end();
  call.end({ outcome: 'resolved' });
}

/** Nanoseconds per span for `calls` calls, flush included (the processor's work counts). */
async function timeRound(run: (i: number) => void, flush: () => Promise<void>, calls: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) run(i);
  await flush();
  return Number(process.hrtime.bigint() - start) / (calls * SPANS_PER_CALL);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { calls: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' } } });
  const calls = Number(values.calls ?? 10_000);
  const rounds = Number(values.rounds ?? 7);

  const bareExporter = new DroppingExporter();
  const bare = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: bareExporter, ...BATCH })] });
  const bareTracer = bare.getTracer('bench');
  const sdkExporter = new DroppingExporter();
  const sdk = createTelemetry({ serviceName: 'bench', exporter: sdkExporter, batch: BATCH });

  // Warm-up: let V8 optimise both paths before anything is measured.
  await timeRound((i) => bareCall(bareTracer, i), () => bare.forceFlush(), 2000);
  await timeRound((i) => sdkCall(sdk.calls, i), () => sdk.forceFlush(), 2000);
  const bareNs: number[] = [];
  const sdkNs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    bareNs.push(await timeRound((i) => bareCall(bareTracer, i), () => bare.forceFlush(), calls));
    sdkNs.push(await timeRound((i) => sdkCall(sdk.calls, i), () => sdk.forceFlush(), calls));
  }
  await Promise.all([bare.shutdown(), sdk.shutdown()]);
  if (bareExporter.exported !== sdkExporter.exported) throw new Error(`span counts differ: bare ${bareExporter.exported}, sdk ${sdkExporter.exported}`);

  const result = {
    benchmark: 'sdk-span-overhead',
    calls,
    rounds,
    spansPerCall: SPANS_PER_CALL,
    bareNsPerSpan: Math.round(median(bareNs)),
    sdkNsPerSpan: Math.round(median(sdkNs)),
    overheadNsPerSpan: Math.round(median(sdkNs) - median(bareNs)),
    ratio: Math.round((median(sdkNs) / median(bareNs)) * 100) / 100,
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`bare OpenTelemetry SDK  ${result.bareNsPerSpan} ns/span`);
    console.log(`@lumay/telemetry        ${result.sdkNsPerSpan} ns/span`);
    console.log(`overhead                ${result.overheadNsPerSpan} ns/span (×${result.ratio}), median of ${rounds} rounds of ${calls} calls`);
  }
}

await main();
