/**
 * Test support shared by the protobuf and JSON decoder tests: log records emitted through the
 * official OpenTelemetry logs SDK, and the LogRecordEntries both decoders must produce from the
 * official serializers' bytes.
 */
import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import type { LogRecord } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { LogRecordEntry } from '../../model/telemetry-records.js';

export interface LogCase {
  reason: string;
  emit: LogRecord;
  expected: Omit<LogRecordEntry, 'resource'>;
}

const T0 = 1_700_000_000;
export const LOG_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const LOG_SPAN_ID = '00f067aa0ba902b7';
export const LOG_RESOURCE = { attributes: { 'service.name': 'voice-engine' }, serviceName: 'voice-engine' };

const base = { timestamp: [T0, 5_123_999] as [number, number], observedTimestamp: [T0 + 1, 0] as [number, number] };
const blank = { traceId: '', spanId: '', timeUs: T0 * 1e6 + 5_123, severityNumber: 0, severityText: '', body: '', attributes: {} };

export const LOG_CASES: LogCase[] = [
  {
    reason: 'a string body is kept as is, with severity and attributes',
    emit: { ...base, body: 'caller said "cancel"', severityNumber: 13, severityText: 'WARN', attributes: { 'turn.number': 3 } },
    expected: { ...blank, body: 'caller said "cancel"', severityNumber: 13, severityText: 'WARN', attributes: { 'turn.number': 3 } },
  },
  {
    reason: 'a structured body becomes its JSON text, key order kept',
    emit: { ...base, body: { event: 'call.ended', seconds: 12.5, tags: ['vip', 2], nested: { ok: true } } },
    expected: { ...blank, body: '{"event":"call.ended","seconds":12.5,"tags":["vip",2],"nested":{"ok":true}}' },
  },
  {
    reason: 'a number body becomes its JSON text',
    emit: { ...base, body: 42 },
    expected: { ...blank, body: '42' },
  },
  {
    reason: 'a bytes body becomes the JSON text of its base64',
    emit: { ...base, body: Uint8Array.of(0, 1, 2, 255) },
    expected: { ...blank, body: '"AAEC/w=="' },
  },
  {
    reason: 'no body gives ""',
    emit: { ...base, severityText: 'INFO' },
    expected: { ...blank, severityText: 'INFO' },
  },
  {
    reason: 'map and bytes attributes (allowed on logs) decode to an object and base64',
    emit: { ...base, body: 'x', attributes: { 'call.meta': { campaign: 'renewals', attempt: 2 }, 'audio': Uint8Array.of(1, 2, 3) } },
    expected: { ...blank, body: 'x', attributes: { 'call.meta': { campaign: 'renewals', attempt: 2 }, 'audio': 'AQID' } },
  },
  {
    reason: 'a record emitted inside a span carries its trace and span ids',
    emit: {
      ...base,
      body: 'in span',
      context: trace.setSpanContext(ROOT_CONTEXT, { traceId: LOG_TRACE_ID, spanId: LOG_SPAN_ID, traceFlags: TraceFlags.SAMPLED }),
    },
    expected: { ...blank, body: 'in span', traceId: LOG_TRACE_ID, spanId: LOG_SPAN_ID },
  },
];

/** Emits every case through one SDK logger and returns the exported records in order. */
export async function emitLogCases(cases: LogCase[]): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(LOG_RESOURCE.attributes),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('voice');
  for (const testCase of cases) logger.emit(testCase.emit);
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}
