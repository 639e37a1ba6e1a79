import type { CallSession } from '../model/call-session.js';
import type { Attributes, SpanEventRecord, SpanRecord } from '../model/telemetry-records.js';
import type { PriceEntry } from '../cost/price-book.js';
import { buildSession, type BuildSessionInput } from './build-session.js';

/*
 * Test support: terse SpanRecord fixtures for the session and cost tests. Times are given in
 * milliseconds from a fixed call start so expected durations read directly off the fixture.
 */

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
/** 2023-11-14T22:13:20Z in microseconds. */
export const T0_US = 1_700_000_000_000_000;

export interface SpanOptions {
  id?: string;
  /** Parent span id; '' (the default) makes a root span. */
  parent?: string;
  startMs?: number;
  durationMs?: number;
  attrs?: Attributes;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status?: number;
  statusMessage?: string;
  events?: SpanEventRecord[];
  service?: string;
}

let nextId = 1;

export function span(name: string, options: SpanOptions = {}): SpanRecord {
  const startUs = T0_US + (options.startMs ?? 0) * 1000;
  const service = options.service ?? 'voice-engine';
  return {
    traceId: TRACE_ID,
    spanId: options.id ?? `span${String(nextId++).padStart(12, '0')}`,
    parentSpanId: options.parent ?? '',
    name,
    kind: 1,
    startUs,
    endUs: startUs + (options.durationMs ?? 10) * 1000,
    statusCode: options.status ?? 0,
    statusMessage: options.statusMessage ?? '',
    attributes: options.attrs ?? {},
    events: options.events ?? [],
    resource: { attributes: { 'service.name': service }, serviceName: service },
    scopeName: 'test',
  };
}

/** A child of the span with id `root` (the default root id of `rootSpan`). */
export function child(name: string, options: SpanOptions = {}): SpanRecord {
  return span(name, { parent: 'root', ...options });
}

export function rootSpan(attrs: Attributes = {}, options: SpanOptions = {}): SpanRecord {
  return span('call', { id: 'root', durationMs: 60_000, attrs, ...options });
}

export function spanEvent(name: string, attrs: Attributes = {}, atMs = 0): SpanEventRecord {
  return { name, timeUs: T0_US + atMs * 1000, attributes: attrs };
}

/** Round prices so expected costs can be worked out by hand in the tests. */
export const TEST_PRICES: readonly PriceEntry[] = [
  { component: 'telephony', perMinuteUsd: 0.01 },
  { component: 'stt', perAudioMinuteUsd: 0.006 },
  { component: 'llm', inputPer1MTokensUsd: 1, cachedInputPer1MTokensUsd: 0.5, outputPer1MTokensUsd: 2 },
  { component: 'llm', model: 'gpt-4o', inputPer1MTokensUsd: 2.5, cachedInputPer1MTokensUsd: 1.25, outputPer1MTokensUsd: 10 },
  { component: 'tts', per1MCharactersUsd: 15 },
  { component: 'connector', perCallUsd: 0.001 },
];

export function sessionOf(spans: SpanRecord[], overrides: Partial<BuildSessionInput> = {}): CallSession {
  return buildSession({
    tenantId: 'tenant-a',
    traceId: TRACE_ID,
    spans,
    complete: true,
    revision: 1,
    nowUs: T0_US + 3_600_000_000,
    pricesAt: () => [TEST_PRICES],
    ...overrides,
  });
}
