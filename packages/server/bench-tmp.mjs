import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { TracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { decodeProtobufTraces } from './dist/ingest/otlp/protobuf/decode-protobuf-traces.js';
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'voice', 'host.name': 'h1' }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const tracer = provider.getTracer('bench');
for (let i = 0; i < 2000; i++) { const s = tracer.startSpan('llm ' + (i % 7), { kind: 2, attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 123 + i, 'gen_ai.usage.output_tokens': 45, 'gen_ai.provider.name': 'openai', 'turn.number': i % 10, 'conversation.id': 'conv-' + (i % 100), 'metrics.ttfb': 0.123, 'http.status_code': 200, 'lk.function_tool.is_error': false, 'call.direction': 'inbound' } }); s.end(); }
await provider.forceFlush();
const bytes = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans());
globalThis.BYTES = bytes;
const fn = () => decodeProtobufTraces(bytes);
const variant = process.argv[2];
for (let i = 0; i < 30; i++) fn(); const t = process.hrtime.bigint(); let n = 0; while (Number(process.hrtime.bigint() - t) < 3e9) { fn(); n++; } const s = Number(process.hrtime.bigint() - t) / 1e9; console.log(Math.round(n * 2000 / s), 'spans/s');
