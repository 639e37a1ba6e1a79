import type { DecodedBatch, ResourceInfo, SpanRecord } from '../../../model/telemetry-records.js';
import { emptyBatch, rejectRecord } from '../decoded-batch.js';
import { newResourceInfo } from '../resource-info.js';
import { decodeProtobufResource, decodeProtobufScopeName } from './decode-protobuf-resource.js';
import { decodeProtobufSpan } from './decode-protobuf-span.js';
import { ProtobufReader, WIRE_LEN } from './protobuf-reader.js';

/**
 * Decodes an ExportTraceServiceRequest
 * (opentelemetry/proto/collector/trace/v1/trace_service.proto) straight into SpanRecords, without
 * an intermediate message tree. Throws OtlpDecodeError when the bytes are not such a message;
 * spans with unusable ids are counted in `rejected` and the rest are returned.
 */
export function decodeProtobufTraces(body: Uint8Array): DecodedBatch<SpanRecord> {
  const r = new ProtobufReader(body);
  const batch = emptyBatch<SpanRecord>();
  const end = r.length;
  let resourceIndex = 0;
  while (r.pos < end) {
    const tag = r.tag(end, 'ExportTraceServiceRequest');
    if (tag >>> 3 === 1) {
      r.expectWireType(tag, WIRE_LEN, 'ExportTraceServiceRequest.resource_spans');
      const stop = r.lengthEnd(end, 'ExportTraceServiceRequest.resource_spans');
      decodeResourceSpans(r, stop, batch, resourceIndex++);
    } else {
      r.skip(tag, end, 'ExportTraceServiceRequest');
    }
  }
  return batch;
}

function decodeResourceSpans(r: ProtobufReader, end: number, batch: DecodedBatch<SpanRecord>, resourceIndex: number): void {
  const resource = newResourceInfo();
  let scopeIndex = 0;
  while (r.pos < end) {
    const tag = r.tag(end, 'ResourceSpans');
    switch (tag >>> 3) {
      case 1:
        r.expectWireType(tag, WIRE_LEN, 'ResourceSpans.resource');
        decodeProtobufResource(r, end, resource, 'ResourceSpans.resource');
        break;
      case 2:
        r.expectWireType(tag, WIRE_LEN, 'ResourceSpans.scope_spans');
        decodeScopeSpans(r, r.lengthEnd(end, 'ResourceSpans.scope_spans'), batch, resource, resourceIndex, scopeIndex++);
        break;
      default:
        // 3 = schema_url; 1000 = instrumentation_library_spans, removed in OTLP 1.0.
        r.skip(tag, end, 'ResourceSpans');
    }
  }
}

function decodeScopeSpans(
  r: ProtobufReader,
  end: number,
  batch: DecodedBatch<SpanRecord>,
  resource: ResourceInfo,
  resourceIndex: number,
  scopeIndex: number,
): void {
  const records = batch.records;
  const first = records.length;
  let scopeName = '';
  let spanIndex = 0;
  while (r.pos < end) {
    const tag = r.tag(end, 'ScopeSpans');
    switch (tag >>> 3) {
      case 1:
        r.expectWireType(tag, WIRE_LEN, 'ScopeSpans.scope');
        scopeName = decodeProtobufScopeName(r, end, 'ScopeSpans.scope');
        // Field order is free in protobuf: spans written before their scope get its name now.
        for (let i = first; i < records.length; i++) records[i].scopeName = scopeName;
        break;
      case 2: {
        r.expectWireType(tag, WIRE_LEN, 'ScopeSpans.spans');
        const span = decodeProtobufSpan(r, r.lengthEnd(end, 'ScopeSpans.spans'), resource, scopeName);
        if (typeof span === 'string') {
          rejectRecord(batch, `resource_spans[${resourceIndex}].scope_spans[${scopeIndex}].spans[${spanIndex}]: ${span}`);
        } else {
          records.push(span);
        }
        spanIndex++;
        break;
      }
      default:
        // 3 = schema_url
        r.skip(tag, end, 'ScopeSpans');
    }
  }
}
