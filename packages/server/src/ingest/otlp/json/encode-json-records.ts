import type { AttributeValue, Attributes, LogRecordEntry, ResourceInfo, SpanRecord } from '../../../model/telemetry-records.js';

/*
 * Records → OTLP/JSON export requests (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding),
 * the inverse of decode-json-traces/-logs for what a record holds: for records the plane must store
 * without the request they came in (tests, tools). Decoding the result gives the records back.
 */

type Json = Record<string, unknown>;

function anyValue(value: AttributeValue): Json {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  return { kvlistValue: { values: keyValues(value) } };
}

function keyValues(attributes: Attributes): Json[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}

const nanos = (us: number): string => `${BigInt(Math.round(us)) * 1000n}`;

/** Groups records by their resource object (records of one block share it) and then by scope. */
function byResource<T extends { resource: ResourceInfo }>(records: readonly T[], scopeOf: (r: T) => string): Map<ResourceInfo, Map<string, T[]>> {
  const groups = new Map<ResourceInfo, Map<string, T[]>>();
  for (const record of records) {
    let scopes = groups.get(record.resource);
    if (!scopes) groups.set(record.resource, (scopes = new Map<string, T[]>()));
    const scope = scopeOf(record);
    const list = scopes.get(scope);
    if (list) list.push(record);
    else scopes.set(scope, [record]);
  }
  return groups;
}

export function encodeJsonTraces(spans: readonly SpanRecord[]): string {
  const resourceSpans = [...byResource(spans, (s) => s.scopeName)].map(([resource, scopes]) => ({
    resource: { attributes: keyValues(resource.attributes) },
    scopeSpans: [...scopes].map(([name, list]) => ({
      scope: { name },
      spans: list.map((s) => ({
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId,
        name: s.name,
        kind: s.kind,
        startTimeUnixNano: nanos(s.startUs),
        endTimeUnixNano: nanos(s.endUs),
        attributes: keyValues(s.attributes),
        events: s.events.map((e) => ({ timeUnixNano: nanos(e.timeUs), name: e.name, attributes: keyValues(e.attributes) })),
        status: { code: s.statusCode, message: s.statusMessage },
      })),
    })),
  }));
  return JSON.stringify({ resourceSpans });
}

export function encodeJsonLogs(logs: readonly LogRecordEntry[]): string {
  const resourceLogs = [...byResource(logs, () => '')].map(([resource, scopes]) => ({
    resource: { attributes: keyValues(resource.attributes) },
    scopeLogs: [...scopes.values()].map((list) => ({
      scope: {},
      logRecords: list.map((l) => ({
        timeUnixNano: nanos(l.timeUs),
        severityNumber: l.severityNumber,
        severityText: l.severityText,
        body: { stringValue: l.body },
        attributes: keyValues(l.attributes),
        traceId: l.traceId,
        spanId: l.spanId,
      })),
    })),
  }));
  return JSON.stringify({ resourceLogs });
}
