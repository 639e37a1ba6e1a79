import { randomBytes } from 'node:crypto';

/** A span for hand-made OTLP/JSON requests (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding). */
export interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: number;
  endMs: number;
  attributes?: Record<string, string | number | boolean>;
  error?: boolean;
}

export const newTraceId = (): string => randomBytes(16).toString('hex');
export const newSpanId = (): string => randomBytes(8).toString('hex');

function anyValue(v: string | number | boolean): Record<string, unknown> {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

/** An ExportTraceServiceRequest as OTLP/JSON text. */
export function otlpJsonBody(spans: JsonSpan[], serviceName = 'voice-engine'): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: 'hand-made' },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? '',
              name: s.name,
              kind: 1,
              startTimeUnixNano: `${BigInt(s.startMs) * 1_000_000n}`,
              endTimeUnixNano: `${BigInt(s.endMs) * 1_000_000n}`,
              attributes: Object.entries(s.attributes ?? {}).map(([key, value]) => ({ key, value: anyValue(value) })),
              status: s.error ? { code: 2, message: 'failed' } : {},
            })),
          },
        ],
      },
    ],
  });
}

/** POSTs an OTLP/JSON body to /v1/traces. */
export async function postJson(httpUrl: string, key: string | null, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${httpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body,
  });
}
