import type { DecodedBatch, ResourceInfo, SpanEventRecord, SpanRecord } from '../../../model/telemetry-records.js';
import { emptyBatch, rejectRecord } from '../decoded-batch.js';
import { decodeJsonAttributes } from './decode-json-any-value.js';
import { decodeJsonResource, decodeJsonScopeName } from './decode-json-resource.js';
import { atPath, toDecodeError } from './json-shape-error.js';
import { badIdReason, jsonIdHex } from './json-id-hex.js';
import {
  type JsonObject,
  enumNumber,
  expectObject,
  member,
  optionalArray,
  optionalObject,
  optionalString,
  unixNanosToMicros,
} from './json-fields.js';
import { parseJsonBody } from './parse-json-body.js';

/** Span.SpanKind and Status.StatusCode names, accepted where OTLP/JSON expects their numbers. */
const SPAN_KINDS: Readonly<Record<string, number>> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_CODES: Readonly<Record<string, number>> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

/**
 * Decodes an OTLP/JSON ExportTraceServiceRequest into the same SpanRecords as the protobuf
 * decoder. Throws OtlpDecodeError (naming the JSON path) when the body is not such a request;
 * spans with unusable ids are counted in `rejected` and the rest are returned.
 */
export function decodeJsonTraces(body: Uint8Array | string): DecodedBatch<SpanRecord> {
  const request = parseJsonBody(body, 'an ExportTraceServiceRequest');
  const batch = emptyBatch<SpanRecord>();
  try {
    const resourceSpans = optionalArray(member(request, 'resourceSpans', 'resource_spans'), 'resourceSpans');
    for (let i = 0; i < resourceSpans.length; i++) {
      try {
        decodeResourceSpans(resourceSpans[i], batch, i);
      } catch (error) {
        throw atPath(error, `resourceSpans[${i}]`);
      }
    }
  } catch (error) {
    throw toDecodeError(error);
  }
  return batch;
}

function decodeResourceSpans(value: unknown, batch: DecodedBatch<SpanRecord>, resourceIndex: number): void {
  const resourceSpans = expectObject(value);
  const resource = decodeJsonResource(resourceSpans.resource);
  const scopeSpans = optionalArray(member(resourceSpans, 'scopeSpans', 'scope_spans'), 'scopeSpans');
  for (let i = 0; i < scopeSpans.length; i++) {
    try {
      const scope = expectObject(scopeSpans[i]);
      const scopeName = decodeJsonScopeName(scope.scope);
      const spans = optionalArray(scope.spans, 'spans');
      for (let j = 0; j < spans.length; j++) {
        try {
          const span = decodeSpan(expectObject(spans[j]), resource, scopeName);
          if (typeof span === 'string') {
            rejectRecord(batch, `resourceSpans[${resourceIndex}].scopeSpans[${i}].spans[${j}]: ${span}`);
          } else {
            batch.records.push(span);
          }
        } catch (error) {
          throw atPath(error, `spans[${j}]`);
        }
      }
    } catch (error) {
      throw atPath(error, `scopeSpans[${i}]`);
    }
  }
}

/** Returns the record, or the reason it is rejected when its ids are unusable. */
function decodeSpan(span: JsonObject, resource: ResourceInfo, scopeName: string): SpanRecord | string {
  const rawTraceId = member(span, 'traceId', 'trace_id');
  const traceId = jsonIdHex(rawTraceId, 16, 'traceId');
  const rawSpanId = member(span, 'spanId', 'span_id');
  const spanId = jsonIdHex(rawSpanId, 8, 'spanId');
  const rawParentId = member(span, 'parentSpanId', 'parent_span_id');
  const parentSpanId = jsonIdHex(rawParentId, 8, 'parentSpanId');
  const status = optionalObject(span.status, 'status');
  const record: SpanRecord = {
    traceId: traceId ?? '',
    spanId: spanId ?? '',
    // Some senders mark a root span with an all-zero parent id instead of leaving it empty.
    parentSpanId: parentSpanId === '0000000000000000' ? '' : (parentSpanId ?? ''),
    name: optionalString(span.name, 'name'),
    kind: enumNumber(span.kind, SPAN_KINDS, 'kind'),
    startUs: unixNanosToMicros(member(span, 'startTimeUnixNano', 'start_time_unix_nano'), 'startTimeUnixNano'),
    endUs: unixNanosToMicros(member(span, 'endTimeUnixNano', 'end_time_unix_nano'), 'endTimeUnixNano'),
    statusCode: status === undefined ? 0 : enumNumber(status.code, STATUS_CODES, 'status.code'),
    statusMessage: status === undefined ? '' : optionalString(status.message, 'status.message'),
    attributes: {},
    events: [],
    resource,
    scopeName,
  };
  decodeJsonAttributes(span.attributes, record.attributes, 'attributes');
  const events = optionalArray(span.events, 'events');
  for (let i = 0; i < events.length; i++) {
    try {
      record.events.push(decodeEvent(events[i]));
    } catch (error) {
      throw atPath(error, `events[${i}]`);
    }
  }

  // Checked after the whole span is read, so a malformed field fails the request even in a span
  // that would have been rejected anyway.
  if (traceId === undefined) return badIdReason('traceId', rawTraceId, 16);
  if (traceId === '') return 'traceId is missing';
  if (traceId === '00000000000000000000000000000000') return 'traceId is all zeros';
  if (spanId === undefined) return badIdReason('spanId', rawSpanId, 8);
  if (spanId === '') return 'spanId is missing';
  if (spanId === '0000000000000000') return 'spanId is all zeros';
  if (parentSpanId === undefined) return badIdReason('parentSpanId', rawParentId, 8);
  return record;
}

function decodeEvent(value: unknown): SpanEventRecord {
  const event = expectObject(value);
  const record: SpanEventRecord = {
    name: optionalString(event.name, 'name'),
    timeUs: unixNanosToMicros(member(event, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano'),
    attributes: {},
  };
  decodeJsonAttributes(event.attributes, record.attributes, 'attributes');
  return record;
}
