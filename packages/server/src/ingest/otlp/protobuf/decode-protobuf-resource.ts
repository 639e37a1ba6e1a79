import type { ResourceInfo } from '../../../model/telemetry-records.js';
import { completeResourceInfo } from '../resource-info.js';
import { decodeProtobufKeyValue } from './decode-protobuf-any-value.js';
import { type ProtobufReader, WIRE_LEN } from './protobuf-reader.js';

/**
 * Reads a length-delimited Resource (opentelemetry/proto/resource/v1/resource.proto) into the
 * ResourceInfo that every record of the enclosing ResourceSpans/ResourceLogs already shares, so
 * the records stay correct even when a sender writes the resource after them.
 */
export function decodeProtobufResource(r: ProtobufReader, end: number, resource: ResourceInfo, where: string): void {
  const stop = r.lengthEnd(end, where);
  while (r.pos < stop) {
    const tag = r.tag(stop, 'Resource');
    if (tag >>> 3 === 1) {
      r.expectWireType(tag, WIRE_LEN, 'Resource.attributes');
      decodeProtobufKeyValue(r, stop, resource.attributes, 'Resource.attributes');
    } else {
      // 2 = dropped_attributes_count, 3 = entity_refs
      r.skip(tag, stop, 'Resource');
    }
  }
  completeResourceInfo(resource);
}

/** Reads a length-delimited InstrumentationScope and returns its name; version and attributes are not kept. */
export function decodeProtobufScopeName(r: ProtobufReader, end: number, where: string): string {
  const stop = r.lengthEnd(end, where);
  let name = '';
  while (r.pos < stop) {
    const tag = r.tag(stop, 'InstrumentationScope');
    if (tag >>> 3 === 1) {
      r.expectWireType(tag, WIRE_LEN, 'InstrumentationScope.name');
      name = r.string(stop, 'InstrumentationScope.name');
    } else {
      r.skip(tag, stop, 'InstrumentationScope');
    }
  }
  return name;
}
