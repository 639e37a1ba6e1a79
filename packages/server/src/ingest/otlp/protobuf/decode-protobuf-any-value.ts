import type { AttributeValue, Attributes } from '../../../model/telemetry-records.js';
import { OtlpDecodeError } from '../otlp-decode-error.js';
import { logBodyText } from '../log-body-text.js';
import { setAttribute } from '../../../model/set-attribute.js';
import { type ProtobufReader, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader.js';

/** The protobuf runtimes' default recursion limit; deeper AnyValue nesting is hostile, not data. */
const MAX_NESTING = 100;

/**
 * Reads one length-delimited KeyValue (cursor at its length prefix) into `attributes`
 * (opentelemetry/proto/common/v1/common.proto). `where` names the repeated field being read.
 * A KeyValue without a value stores null, as an AnyValue with no variant set means "empty".
 */
export function decodeProtobufKeyValue(r: ProtobufReader, end: number, attributes: Attributes, where: string): void {
  decodeKeyValue(r, r.lengthEnd(end, where), attributes, 0);
}

/** Reads one length-delimited AnyValue (cursor at its length prefix). */
export function decodeProtobufAnyValue(r: ProtobufReader, end: number, where: string): AttributeValue {
  return decodeAnyValue(r, r.lengthEnd(end, where), 0);
}

/**
 * Reads a LogRecord.body AnyValue (cursor at its length prefix) as LogRecordEntry.body text.
 * A second, cheap pass over the body's own tags tells whether the variant that won is
 * string_value: bytes_value also decodes to a JS string but must become JSON text.
 */
export function decodeProtobufLogBody(r: ProtobufReader, end: number, where: string): string {
  const stop = r.lengthEnd(end, where);
  const start = r.pos;
  const value = decodeAnyValue(r, stop, 0);
  r.pos = start;
  let variant = 0;
  while (r.pos < stop) {
    const tag = r.tag(stop, 'AnyValue');
    if (tag >>> 3 >= 1 && tag >>> 3 <= 7) variant = tag >>> 3;
    r.skip(tag, stop, 'AnyValue');
  }
  return logBodyText(value, variant === 1);
}

function decodeKeyValue(r: ProtobufReader, end: number, attributes: Attributes, depth: number): void {
  let key = '';
  let value: AttributeValue = null;
  while (r.pos < end) {
    const tag = r.tag(end, 'KeyValue');
    switch (tag >>> 3) {
      case 1:
        r.expectWireType(tag, WIRE_LEN, 'KeyValue.key');
        key = r.key(end, 'KeyValue.key');
        break;
      case 2:
        r.expectWireType(tag, WIRE_LEN, 'KeyValue.value');
        value = decodeAnyValue(r, r.lengthEnd(end, 'KeyValue.value'), depth);
        break;
      default:
        // 3 = key_strindex, only meaningful in the profiles signal's string table.
        r.skip(tag, end, 'KeyValue');
    }
  }
  setAttribute(attributes, key, value);
}

/** `end` is the end of this AnyValue's payload; leaves the cursor there. */
function decodeAnyValue(r: ProtobufReader, end: number, depth: number): AttributeValue {
  if (depth > MAX_NESTING) throw new OtlpDecodeError(`AnyValue nested deeper than ${MAX_NESTING} levels`);
  let value: AttributeValue = null;
  // A oneof: when a sender repeats variants, the last one wins, as in every protobuf runtime.
  while (r.pos < end) {
    const tag = r.tag(end, 'AnyValue');
    switch (tag >>> 3) {
      case 1:
        r.expectWireType(tag, WIRE_LEN, 'AnyValue.string_value');
        value = r.repeatedString(end, 'AnyValue.string_value');
        break;
      case 2:
        r.expectWireType(tag, WIRE_VARINT, 'AnyValue.bool_value');
        value = r.int64(end, 'AnyValue.bool_value') !== 0;
        break;
      case 3:
        r.expectWireType(tag, WIRE_VARINT, 'AnyValue.int_value');
        value = r.int64(end, 'AnyValue.int_value');
        break;
      case 4:
        r.expectWireType(tag, WIRE_FIXED64, 'AnyValue.double_value');
        value = r.double(end, 'AnyValue.double_value');
        break;
      case 5:
        r.expectWireType(tag, WIRE_LEN, 'AnyValue.array_value');
        value = decodeArrayValue(r, r.lengthEnd(end, 'AnyValue.array_value'), depth + 1);
        break;
      case 6:
        r.expectWireType(tag, WIRE_LEN, 'AnyValue.kvlist_value');
        value = decodeKeyValueList(r, r.lengthEnd(end, 'AnyValue.kvlist_value'), depth + 1);
        break;
      case 7:
        r.expectWireType(tag, WIRE_LEN, 'AnyValue.bytes_value');
        value = r.base64(end, 'AnyValue.bytes_value');
        break;
      default:
        // 8 = string_value_strindex (profiles only) and anything newer than this decoder.
        r.skip(tag, end, 'AnyValue');
    }
  }
  return value;
}

function decodeArrayValue(r: ProtobufReader, end: number, depth: number): AttributeValue[] {
  const values: AttributeValue[] = [];
  while (r.pos < end) {
    const tag = r.tag(end, 'ArrayValue');
    if (tag >>> 3 === 1) {
      r.expectWireType(tag, WIRE_LEN, 'ArrayValue.values');
      values.push(decodeAnyValue(r, r.lengthEnd(end, 'ArrayValue.values'), depth));
    } else {
      r.skip(tag, end, 'ArrayValue');
    }
  }
  return values;
}

function decodeKeyValueList(r: ProtobufReader, end: number, depth: number): Attributes {
  const values: Attributes = {};
  while (r.pos < end) {
    const tag = r.tag(end, 'KeyValueList');
    if (tag >>> 3 === 1) {
      r.expectWireType(tag, WIRE_LEN, 'KeyValueList.values');
      decodeKeyValue(r, r.lengthEnd(end, 'KeyValueList.values'), values, depth);
    } else {
      r.skip(tag, end, 'KeyValueList');
    }
  }
  return values;
}
