import protobuf from 'protobufjs';

/*
 * The OTLP trace request as a protobufjs JSON descriptor, for the "protobufjs decode-only"
 * baseline. Field numbers and types follow the public protos (opentelemetry-proto:
 * collector/trace/v1/trace_service.proto, trace/v1/trace.proto, common/v1/common.proto,
 * resource/v1/resource.proto); fields renamed or removed before OTLP 1.0 are left out, as a
 * generated decoder for the current protos would. Only decoding is measured, so names are ours.
 */

type Fields = Record<string, { type: string; id: number; rule?: 'repeated' }>;

const repeated = (type: string, id: number) => ({ type, id, rule: 'repeated' as const });

const keyValue: Fields = { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } };

const anyValue: Fields = {
  stringValue: { type: 'string', id: 1 },
  boolValue: { type: 'bool', id: 2 },
  intValue: { type: 'int64', id: 3 },
  doubleValue: { type: 'double', id: 4 },
  arrayValue: { type: 'ArrayValue', id: 5 },
  kvlistValue: { type: 'KeyValueList', id: 6 },
  bytesValue: { type: 'bytes', id: 7 },
};

const span: Fields = {
  traceId: { type: 'bytes', id: 1 },
  spanId: { type: 'bytes', id: 2 },
  traceState: { type: 'string', id: 3 },
  parentSpanId: { type: 'bytes', id: 4 },
  name: { type: 'string', id: 5 },
  kind: { type: 'SpanKind', id: 6 },
  startTimeUnixNano: { type: 'fixed64', id: 7 },
  endTimeUnixNano: { type: 'fixed64', id: 8 },
  attributes: repeated('KeyValue', 9),
  droppedAttributesCount: { type: 'uint32', id: 10 },
  events: repeated('Event', 11),
  droppedEventsCount: { type: 'uint32', id: 12 },
  links: repeated('Link', 13),
  droppedLinksCount: { type: 'uint32', id: 14 },
  status: { type: 'Status', id: 15 },
  flags: { type: 'fixed32', id: 16 },
};

const descriptor = {
  nested: {
    otlp: {
      nested: {
        ExportTraceServiceRequest: { fields: { resourceSpans: repeated('ResourceSpans', 1) } },
        ResourceSpans: {
          fields: {
            resource: { type: 'Resource', id: 1 },
            scopeSpans: repeated('ScopeSpans', 2),
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        Resource: {
          fields: { attributes: repeated('KeyValue', 1), droppedAttributesCount: { type: 'uint32', id: 2 } },
        },
        ScopeSpans: {
          fields: {
            scope: { type: 'InstrumentationScope', id: 1 },
            spans: repeated('Span', 2),
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        InstrumentationScope: {
          fields: {
            name: { type: 'string', id: 1 },
            version: { type: 'string', id: 2 },
            attributes: repeated('KeyValue', 3),
            droppedAttributesCount: { type: 'uint32', id: 4 },
          },
        },
        Span: { fields: span },
        SpanKind: {
          values: { UNSPECIFIED: 0, INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 },
        },
        Event: {
          fields: {
            timeUnixNano: { type: 'fixed64', id: 1 },
            name: { type: 'string', id: 2 },
            attributes: repeated('KeyValue', 3),
            droppedAttributesCount: { type: 'uint32', id: 4 },
          },
        },
        Link: {
          fields: {
            traceId: { type: 'bytes', id: 1 },
            spanId: { type: 'bytes', id: 2 },
            traceState: { type: 'string', id: 3 },
            attributes: repeated('KeyValue', 4),
            droppedAttributesCount: { type: 'uint32', id: 5 },
            flags: { type: 'fixed32', id: 6 },
          },
        },
        Status: { fields: { message: { type: 'string', id: 2 }, code: { type: 'StatusCode', id: 3 } } },
        StatusCode: { values: { UNSET: 0, OK: 1, ERROR: 2 } },
        KeyValue: { fields: keyValue },
        AnyValue: {
          oneofs: { value: { oneof: Object.keys(anyValue) } },
          fields: anyValue,
        },
        ArrayValue: { fields: { values: repeated('AnyValue', 1) } },
        KeyValueList: { fields: { values: repeated('KeyValue', 1) } },
      },
    },
  },
};

/** The protobufjs reflection type of ExportTraceServiceRequest (decoder code generated on first use). */
export function exportTraceRequestType(): protobuf.Type {
  return protobuf.Root.fromJSON(descriptor).lookupType('otlp.ExportTraceServiceRequest');
}
