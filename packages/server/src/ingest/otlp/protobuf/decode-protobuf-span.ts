import type { Attributes, ResourceInfo, SpanEventRecord, SpanRecord } from '../../../model/telemetry-records.js';
import { decodeProtobufKeyValue } from './decode-protobuf-any-value.js';
import { type ProtobufReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader.js';

const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;

/**
 * Decodes one Span (opentelemetry/proto/trace/v1/trace.proto) whose payload ends at `end`.
 * Returns the record, or the reason it is rejected when its ids are unusable: a structurally
 * sound span with bad content is one rejected span, not a failed request (OTLP partial success).
 *
 * Ids stay as byte ranges until the span is complete, so a rejected span costs no hex strings.
 */
export function decodeProtobufSpan(
  r: ProtobufReader,
  end: number,
  resource: ResourceInfo,
  scopeName: string,
): SpanRecord | string {
  let traceStart = 0;
  let traceLength = 0;
  let spanStart = 0;
  let spanLength = 0;
  let parentStart = 0;
  let parentLength = 0;
  const span: SpanRecord = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    name: '',
    kind: 0,
    startUs: 0,
    endUs: 0,
    statusCode: 0,
    statusMessage: '',
    attributes: {},
    events: [],
    resource,
    scopeName,
  };
  while (r.pos < end) {
    const tag = r.tag(end, 'Span');
    switch (tag >>> 3) {
      case 1: {
        r.expectWireType(tag, WIRE_LEN, 'Span.trace_id');
        const stop = r.lengthEnd(end, 'Span.trace_id');
        traceStart = r.pos;
        traceLength = stop - traceStart;
        r.pos = stop;
        break;
      }
      case 2: {
        r.expectWireType(tag, WIRE_LEN, 'Span.span_id');
        const stop = r.lengthEnd(end, 'Span.span_id');
        spanStart = r.pos;
        spanLength = stop - spanStart;
        r.pos = stop;
        break;
      }
      case 4: {
        r.expectWireType(tag, WIRE_LEN, 'Span.parent_span_id');
        const stop = r.lengthEnd(end, 'Span.parent_span_id');
        parentStart = r.pos;
        parentLength = stop - parentStart;
        r.pos = stop;
        break;
      }
      case 5:
        r.expectWireType(tag, WIRE_LEN, 'Span.name');
        span.name = r.repeatedString(end, 'Span.name');
        break;
      case 6:
        r.expectWireType(tag, WIRE_VARINT, 'Span.kind');
        span.kind = r.int64(end, 'Span.kind');
        break;
      case 7:
        r.expectWireType(tag, WIRE_FIXED64, 'Span.start_time_unix_nano');
        span.startUs = r.fixed64Micros(end, 'Span.start_time_unix_nano');
        break;
      case 8:
        r.expectWireType(tag, WIRE_FIXED64, 'Span.end_time_unix_nano');
        span.endUs = r.fixed64Micros(end, 'Span.end_time_unix_nano');
        break;
      case 9:
        r.expectWireType(tag, WIRE_LEN, 'Span.attributes');
        decodeProtobufKeyValue(r, end, span.attributes, 'Span.attributes');
        break;
      case 11:
        r.expectWireType(tag, WIRE_LEN, 'Span.events');
        span.events.push(decodeEvent(r, r.lengthEnd(end, 'Span.events')));
        break;
      case 15:
        r.expectWireType(tag, WIRE_LEN, 'Span.status');
        decodeStatus(r, r.lengthEnd(end, 'Span.status'), span);
        break;
      case 3:
        r.expectWireType(tag, WIRE_LEN, 'Span.trace_state');
        r.skip(tag, end, 'Span.trace_state');
        break;
      case 10:
      case 12:
      case 14:
        r.expectWireType(tag, WIRE_VARINT, 'Span.dropped_*_count');
        r.skip(tag, end, 'Span');
        break;
      case 13:
        r.expectWireType(tag, WIRE_LEN, 'Span.links');
        r.skip(tag, end, 'Span.links');
        break;
      case 16:
        r.expectWireType(tag, WIRE_FIXED32, 'Span.flags');
        r.skip(tag, end, 'Span.flags');
        break;
      default:
        r.skip(tag, end, 'Span');
    }
  }

  if (traceLength !== TRACE_ID_BYTES) return `trace_id is ${traceLength} bytes, expected ${TRACE_ID_BYTES}`;
  if (r.isAllZero(traceStart, traceLength)) return 'trace_id is all zeros';
  if (spanLength !== SPAN_ID_BYTES) return `span_id is ${spanLength} bytes, expected ${SPAN_ID_BYTES}`;
  if (r.isAllZero(spanStart, spanLength)) return 'span_id is all zeros';
  if (parentLength !== 0 && parentLength !== SPAN_ID_BYTES) {
    return `parent_span_id is ${parentLength} bytes, expected 0 (root) or ${SPAN_ID_BYTES}`;
  }
  span.traceId = r.sharedHex(traceStart, traceLength, r.lastTraceId);
  span.spanId = r.hex(spanStart, spanLength);
  // Some senders mark a root span with eight zero bytes instead of an empty parent id.
  if (parentLength !== 0 && !r.isAllZero(parentStart, parentLength)) {
    span.parentSpanId = r.sharedHex(parentStart, parentLength, r.lastParentId);
  }
  return span;
}

function decodeStatus(r: ProtobufReader, end: number, span: SpanRecord): void {
  while (r.pos < end) {
    const tag = r.tag(end, 'Status');
    switch (tag >>> 3) {
      case 2:
        r.expectWireType(tag, WIRE_LEN, 'Status.message');
        span.statusMessage = r.string(end, 'Status.message');
        break;
      case 3:
        r.expectWireType(tag, WIRE_VARINT, 'Status.code');
        span.statusCode = r.int64(end, 'Status.code');
        break;
      default:
        // 1 = deprecated_code, reserved since OTLP 0.19; old senders still write it.
        r.skip(tag, end, 'Status');
    }
  }
}

function decodeEvent(r: ProtobufReader, end: number): SpanEventRecord {
  let name = '';
  let timeUs = 0;
  const attributes: Attributes = {};
  while (r.pos < end) {
    const tag = r.tag(end, 'Span.Event');
    switch (tag >>> 3) {
      case 1:
        r.expectWireType(tag, WIRE_FIXED64, 'Span.Event.time_unix_nano');
        timeUs = r.fixed64Micros(end, 'Span.Event.time_unix_nano');
        break;
      case 2:
        r.expectWireType(tag, WIRE_LEN, 'Span.Event.name');
        name = r.repeatedString(end, 'Span.Event.name');
        break;
      case 3:
        r.expectWireType(tag, WIRE_LEN, 'Span.Event.attributes');
        decodeProtobufKeyValue(r, end, attributes, 'Span.Event.attributes');
        break;
      default:
        // 4 = dropped_attributes_count
        r.skip(tag, end, 'Span.Event');
    }
  }
  return { name, timeUs, attributes };
}
