import type { DuckDBValue } from '@duckdb/node-api';
import type { Attributes, LogRecordEntry, ResourceInfo, SpanEventRecord, SpanRecord } from '../../model/telemetry-records.js';
import type { TelemetryGroup } from '../store.js';
import { num, parseJson, str, toBigInt, type Row } from './row-values.js';

/*
 * Span and log records ↔ rows of the `spans` and `logs` tables. Attributes, events and resource
 * attributes are JSON text: they are read back whole (waterfall, session rebuild), never
 * filtered on in SQL, and text appends fastest.
 */

/** Resources are shared by every record of a ResourceSpans block: serialise each one once. */
const resourceJsonCache = new WeakMap<ResourceInfo, string>();

function resourceJson(resource: ResourceInfo): string {
  let json = resourceJsonCache.get(resource);
  if (json === undefined) {
    json = JSON.stringify(resource.attributes);
    resourceJsonCache.set(resource, json);
  }
  return json;
}

/** Columns of `spans`, in table order. */
export function spanColumns(groups: readonly TelemetryGroup[]): DuckDBValue[][] {
  const columns: DuckDBValue[][] = Array.from({ length: 15 }, () => []);
  const [tenant, trace, span, parent, name, kind, start, end, statusCode, statusMessage, service, scope, attrs, events, resource] =
    columns;
  for (const group of groups) {
    for (const s of group.spans) {
      tenant.push(group.tenantId);
      trace.push(s.traceId);
      span.push(s.spanId);
      parent.push(s.parentSpanId);
      name.push(s.name);
      kind.push(s.kind);
      start.push(toBigInt(s.startUs));
      end.push(toBigInt(s.endUs));
      statusCode.push(s.statusCode);
      statusMessage.push(s.statusMessage);
      service.push(s.resource.serviceName);
      scope.push(s.scopeName);
      attrs.push(JSON.stringify(s.attributes));
      events.push(s.events.length === 0 ? '[]' : JSON.stringify(s.events));
      resource.push(resourceJson(s.resource));
    }
  }
  return columns;
}

/** Columns of `logs`, in table order. */
export function logColumns(groups: readonly TelemetryGroup[]): DuckDBValue[][] {
  const columns: DuckDBValue[][] = Array.from({ length: 10 }, () => []);
  const [tenant, trace, span, time, severityNumber, severityText, body, attrs, service, resource] = columns;
  for (const group of groups) {
    for (const l of group.logs) {
      tenant.push(group.tenantId);
      trace.push(l.traceId);
      span.push(l.spanId);
      time.push(toBigInt(l.timeUs));
      severityNumber.push(l.severityNumber);
      severityText.push(l.severityText);
      body.push(l.body);
      attrs.push(JSON.stringify(l.attributes));
      service.push(l.resource.serviceName);
      resource.push(resourceJson(l.resource));
    }
  }
  return columns;
}

export const SPAN_SELECT = `trace_id, span_id, parent_span_id, name, kind, start_us, end_us, status_code,
  status_message, service_name, scope_name, attributes, events, resource_attributes`;

export const LOG_SELECT = `trace_id, span_id, time_us, severity_number, severity_text, body, attributes,
  service_name, resource_attributes`;

function asAttributes(value: unknown): Attributes {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Attributes) : {};
}

function asEvents(value: unknown): SpanEventRecord[] {
  return Array.isArray(value) ? (value as SpanEventRecord[]) : [];
}

/**
 * Rebuilds resources from rows, one object per distinct resource within a result, so records of
 * one resource share it again as they did when decoded.
 */
export class ResourceReader {
  private readonly seen = new Map<string, ResourceInfo>();

  read(row: Row): ResourceInfo {
    const serviceName = str(row.service_name);
    const json = str(row.resource_attributes);
    const key = `${serviceName}\u0000${json}`;
    let resource = this.seen.get(key);
    if (!resource) {
      resource = { serviceName, attributes: asAttributes(parseJson(json, {})) };
      this.seen.set(key, resource);
    }
    return resource;
  }
}

export function spanFromRow(row: Row, resources: ResourceReader): SpanRecord {
  return {
    traceId: str(row.trace_id),
    spanId: str(row.span_id),
    parentSpanId: str(row.parent_span_id),
    name: str(row.name),
    kind: num(row.kind),
    startUs: num(row.start_us),
    endUs: num(row.end_us),
    statusCode: num(row.status_code),
    statusMessage: str(row.status_message),
    attributes: asAttributes(parseJson(row.attributes, {})),
    events: asEvents(parseJson(row.events, [])),
    resource: resources.read(row),
    scopeName: str(row.scope_name),
  };
}

export function logFromRow(row: Row, resources: ResourceReader): LogRecordEntry {
  return {
    traceId: str(row.trace_id),
    spanId: str(row.span_id),
    timeUs: num(row.time_us),
    severityNumber: num(row.severity_number),
    severityText: str(row.severity_text),
    body: str(row.body),
    attributes: asAttributes(parseJson(row.attributes, {})),
    resource: resources.read(row),
  };
}
