/**
 * Test support: writes hand-made protobuf messages with protobufjs's independent Writer, so the
 * decoder tests can express shapes no SDK emits (unknown fields of every wire type, groups,
 * fields out of order, wrong wire types, deprecated fields).
 */
import protobuf from 'protobufjs/minimal.js';

export type Field = (writer: protobuf.Writer) => void;

const tag = (writer: protobuf.Writer, fieldNumber: number, wireType: number): protobuf.Writer =>
  writer.uint32(fieldNumber * 8 + wireType);

export const varint =
  (fieldNumber: number, value: number): Field =>
  (w) =>
    tag(w, fieldNumber, 0).int64(value);

/** A fixed64 given as a bigint, written as its two little-endian halves. */
export const fixed64 =
  (fieldNumber: number, value: bigint): Field =>
  (w) =>
    tag(w, fieldNumber, 1)
      .fixed32(Number(value & 0xffffffffn))
      .fixed32(Number(value >> 32n));

export const double =
  (fieldNumber: number, value: number): Field =>
  (w) =>
    tag(w, fieldNumber, 1).double(value);

export const fixed32 =
  (fieldNumber: number, value: number): Field =>
  (w) =>
    tag(w, fieldNumber, 5).fixed32(value);

export const string =
  (fieldNumber: number, value: string): Field =>
  (w) =>
    tag(w, fieldNumber, 2).string(value);

/** A bytes field given as hex. */
export const bytes =
  (fieldNumber: number, hex: string): Field =>
  (w) =>
    tag(w, fieldNumber, 2).bytes(Buffer.from(hex, 'hex'));

export const message =
  (fieldNumber: number, ...fields: Field[]): Field =>
  (w) => {
    tag(w, fieldNumber, 2).fork();
    for (const field of fields) field(w);
    w.ldelim();
  };

/** A proto2 group (wire types 3 and 4), which a proto3 decoder must still be able to skip. */
export const group =
  (fieldNumber: number, ...fields: Field[]): Field =>
  (w) => {
    tag(w, fieldNumber, 3);
    for (const field of fields) field(w);
    tag(w, fieldNumber, 4);
  };

/** One unknown field of every wire type, with field numbers no OTLP message uses. */
export const unknownFields = (): Field[] => [
  varint(2001, 7),
  fixed64(2002, 1n),
  string(2003, 'unknown'),
  group(2004, varint(1, 1), string(2, 'in a group')),
  fixed32(2005, 9),
];

export function encode(...fields: Field[]): Uint8Array {
  const writer = protobuf.Writer.create();
  for (const field of fields) field(writer);
  return writer.finish();
}

/** A KeyValue entry of a repeated `attributes` field. */
export const keyValue = (fieldNumber: number, key: string, ...anyValue: Field[]): Field =>
  message(fieldNumber, string(1, key), message(2, ...anyValue));
