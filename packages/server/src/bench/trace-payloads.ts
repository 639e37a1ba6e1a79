import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { recordVoiceCalls } from './record-voice-calls.js';

/** One export request: whole calls, about `spansPerRequest` spans, in both OTLP encodings. */
export interface TracePayload {
  /** Trace id (hex) of each call in the request. */
  traceIds: string[];
  spanCount: number;
  attributeCount: number;
  /** Bytes from the official serializers, exactly what the official OTLP exporters send. */
  protobuf: Uint8Array;
  json: Uint8Array;
}

export interface PayloadSet {
  payloads: TracePayload[];
  spans: number;
  calls: number;
  spansPerRequest: number;
  attributesPerSpan: number;
  protobufBytesPerRequest: number;
  jsonBytesPerRequest: number;
}

const CALLS_PER_RECORDING = 400;

/**
 * Records calls with the official SDK and packs them into `requests` export requests of whole
 * calls, each closed before it would pass `spansPerRequest` (the BatchSpanProcessor's default
 * export size is 512). Whole calls per request let the ingest run count the calls it sent.
 */
export async function buildTracePayloads(
  requests: number,
  seed: number,
  nowMs: number,
  spansPerRequest = 512,
): Promise<PayloadSet> {
  const payloads: TracePayload[] = [];
  let current: ReadableSpan[][] = [];
  let currentSpans = 0;
  for (let round = 0; payloads.length < requests; round++) {
    for (const call of await recordVoiceCalls(CALLS_PER_RECORDING, seed + round, nowMs)) {
      if (currentSpans + call.length > spansPerRequest && current.length > 0) {
        payloads.push(serialize(current));
        if (payloads.length === requests) break;
        current = [];
        currentSpans = 0;
      }
      current.push(call);
      currentSpans += call.length;
    }
  }
  const spans = sum(payloads.map((p) => p.spanCount));
  return {
    payloads,
    spans,
    calls: sum(payloads.map((p) => p.traceIds.length)),
    spansPerRequest: spans / payloads.length,
    attributesPerSpan: sum(payloads.map((p) => p.attributeCount)) / spans,
    protobufBytesPerRequest: sum(payloads.map((p) => p.protobuf.length)) / payloads.length,
    jsonBytesPerRequest: sum(payloads.map((p) => p.json.length)) / payloads.length,
  };
}

function serialize(calls: ReadableSpan[][]): TracePayload {
  const spans = calls.flat();
  const protobuf = ProtobufTraceSerializer.serializeRequest(spans);
  const json = JsonTraceSerializer.serializeRequest(spans);
  if (!protobuf || !json) throw new Error('the official serializers returned nothing for a non-empty request');
  return {
    traceIds: calls.map((c) => c[0].spanContext().traceId),
    spanCount: spans.length,
    attributeCount: sum(spans.map((s) => Object.keys(s.attributes).length)),
    protobuf,
    json,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
