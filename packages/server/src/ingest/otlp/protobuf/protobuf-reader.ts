import { OtlpDecodeError } from '../otlp-decode-error.js';
import { hexSlice, utf8Slice } from '../../../text/buffer-slices.js';
import { cachedKey, cachedShortValue } from '../../../text/string-cache.js';

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/#structure). */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const TWO_POW_32 = 4294967296;
/** Proto2 groups never appear in OTLP; the bound only stops a hostile body from recursing forever. */
const MAX_GROUP_DEPTH = 64;

/**
 * A cursor over one protobuf message. Every read takes the end of the enclosing message, so a
 * length that runs past its parent is caught where it is read, and a `where` ("Span.attributes")
 * that names the field in the error. Callers pass string constants, so the names cost nothing on
 * the happy path.
 *
 * Integers come back as plain numbers: int64 values beyond 2^53 lose precision, which is the
 * documented contract of our records.
 */
/** The last id a ProtobufReader.sharedHex made, by where its bytes are in the reader's buffer. */
export interface HexMemo {
  start: number;
  length: number;
  hex: string;
}

export class ProtobufReader {
  readonly buf: Buffer;
  pos = 0;
  /** For ProtobufReader.sharedHex: the last trace id and the last parent span id read. */
  readonly lastTraceId: HexMemo = { start: 0, length: -1, hex: '' };
  readonly lastParentId: HexMemo = { start: 0, length: -1, hex: '' };

  constructor(bytes: Uint8Array) {
    // A view over the same memory (no copy), for Buffer's native string, hex and base64 slicing.
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.buf.length;
  }

  /** A field tag (field number << 3 | wire type); rejects field number 0, which no message uses. */
  tag(end: number, where: string): number {
    const at = this.pos;
    const tag = this.uint32(end, where);
    if (tag < 8) throw new OtlpDecodeError(`invalid field number 0 at byte ${at} in ${where}`);
    return tag;
  }

  /** An unsigned varint that must fit 32 bits: tags and lengths. */
  uint32(end: number, where: string): number {
    const buf = this.buf;
    const pos = this.pos;
    if (pos < end && buf[pos] < 0x80) {
      this.pos = pos + 1;
      return buf[pos];
    }
    let value = 0;
    for (let i = 0; i < 4; i++) {
      if (pos + i >= end) throw truncated('varint', pos, where);
      const b = buf[pos + i];
      value |= (b & 0x7f) << (7 * i);
      if (b < 0x80) {
        this.pos = pos + i + 1;
        return value;
      }
    }
    // The fifth byte may carry only bits 28..31 and must end the varint.
    if (pos + 4 >= end) throw truncated('varint', pos, where);
    const last = buf[pos + 4];
    if (last > 0x0f) throw new OtlpDecodeError(`varint at byte ${pos} in ${where} does not fit 32 bits`);
    this.pos = pos + 5;
    return value + last * 0x10000000;
  }

  /** An int64/uint64/int32/enum varint as a number (negative int32 values are 10-byte varints). */
  int64(end: number, where: string): number {
    const buf = this.buf;
    const pos = this.pos;
    if (pos < end && buf[pos] < 0x80) {
      this.pos = pos + 1;
      return buf[pos];
    }
    let low = 0;
    let high = 0;
    for (let i = 0; i < 10; i++) {
      if (pos + i >= end) throw truncated('varint', pos, where);
      const b = buf[pos + i] & 0x7f;
      // Bits 0..27 fill `low`; byte 4 straddles both words; bytes 5..9 fill `high`.
      if (i < 4) low |= b << (7 * i);
      else if (i === 4) {
        low |= b << 28;
        high = b >> 4;
      } else high |= b << (7 * i - 32);
      if (buf[pos + i] < 0x80) {
        this.pos = pos + i + 1;
        return (high | 0) * TWO_POW_32 + (low >>> 0);
      }
    }
    throw new OtlpDecodeError(`varint longer than 10 bytes at byte ${pos} in ${where}`);
  }

  /**
   * A fixed64 nanosecond timestamp as whole microseconds, exact up to year 2255. The division is
   * split because hi * 2^32 + lo itself is not exact in a double above 2^53 ns (about 104 days).
   */
  fixed64Micros(end: number, where: string): number {
    const pos = this.pos;
    if (end - pos < 8) throw truncated('fixed64', pos, where);
    const buf = this.buf;
    const low = buf[pos] + buf[pos + 1] * 0x100 + buf[pos + 2] * 0x10000 + buf[pos + 3] * 0x1000000;
    const high = buf[pos + 4] + buf[pos + 5] * 0x100 + buf[pos + 6] * 0x10000 + buf[pos + 7] * 0x1000000;
    this.pos = pos + 8;
    // 2^32 = 4294967 * 1000 + 296
    return high * 4294967 + Math.floor((high * 296 + low) / 1000);
  }

  double(end: number, where: string): number {
    const pos = this.pos;
    if (end - pos < 8) throw truncated('double', pos, where);
    this.pos = pos + 8;
    return this.buf.readDoubleLE(pos);
  }

  /** Reads a length prefix and returns where the payload ends; the cursor is left at its start. */
  lengthEnd(end: number, where: string): number {
    const at = this.pos;
    const length = this.uint32(end, where);
    if (length > end - this.pos) {
      throw new OtlpDecodeError(
        `truncated message at byte ${at} in ${where}: length ${length} but only ${end - this.pos} bytes left`,
      );
    }
    return this.pos + length;
  }

  /** Invalid UTF-8 becomes U+FFFD rather than failing the request, as protobuf runtimes do. */
  string(end: number, where: string): string {
    const stop = this.lengthEnd(end, where);
    const start = this.pos;
    this.pos = stop;
    return start === stop ? '' : utf8Slice(this.buf, start, stop);
  }

  /** A string that often repeats across records (span names, short attribute values), through a cache. */
  repeatedString(end: number, where: string): string {
    const stop = this.lengthEnd(end, where);
    const start = this.pos;
    this.pos = stop;
    return cachedShortValue(this.buf, start, stop);
  }

  /** A string that repeats across records (attribute keys), through the process-wide key cache. */
  key(end: number, where: string): string {
    const stop = this.lengthEnd(end, where);
    const start = this.pos;
    this.pos = stop;
    return cachedKey(this.buf, start, stop);
  }

  base64(end: number, where: string): string {
    const stop = this.lengthEnd(end, where);
    const start = this.pos;
    this.pos = stop;
    return this.buf.toString('base64', start, stop);
  }

  /** Lowercase hex of a byte range read earlier (ids are kept as ranges until a record is valid). */
  hex(start: number, length: number): string {
    return hexSlice(this.buf, start, start + length);
  }

  /**
   * hex(), but the string made for the same bytes the last time `memo` was used when they repeat:
   * the spans of one call usually come one after another, with one trace id and a few parents'
   * ids between them. A compare of 8–16 bytes instead of a native call, and one string for all.
   */
  sharedHex(start: number, length: number, memo: HexMemo): string {
    const buf = this.buf;
    if (memo.length === length) {
      let i = 0;
      while (i < length && buf[memo.start + i] === buf[start + i]) i++;
      if (i === length) return memo.hex;
    }
    memo.start = start;
    memo.length = length;
    memo.hex = hexSlice(buf, start, start + length);
    return memo.hex;
  }

  isAllZero(start: number, length: number): boolean {
    const buf = this.buf;
    for (let i = start; i < start + length; i++) if (buf[i] !== 0) return false;
    return true;
  }

  /** Fails with a message naming the field when a known field arrives with another wire type. */
  expectWireType(tag: number, wireType: number, where: string): void {
    if ((tag & 7) !== wireType) {
      const tagLength = tag < 0x80 ? 1 : tag < 0x4000 ? 2 : tag < 0x200000 ? 3 : tag < 0x10000000 ? 4 : 5;
      throw new OtlpDecodeError(
        `wrong wire type ${tag & 7} for ${where} at byte ${this.pos - tagLength} (expected ${wireType})`,
      );
    }
  }

  /** Skips a field this decoder does not use: unknown, deprecated or simply not needed. */
  skip(tag: number, end: number, where: string): void {
    this.skipValue(tag, end, where, 0);
  }

  private skipValue(tag: number, end: number, where: string, depth: number): void {
    const pos = this.pos;
    switch (tag & 7) {
      case WIRE_VARINT:
        this.int64(end, where);
        return;
      case WIRE_FIXED64:
        if (end - pos < 8) throw truncated('fixed64', pos, where);
        this.pos = pos + 8;
        return;
      case WIRE_LEN:
        this.pos = this.lengthEnd(end, where);
        return;
      case WIRE_FIXED32:
        if (end - pos < 4) throw truncated('fixed32', pos, where);
        this.pos = pos + 4;
        return;
      case WIRE_START_GROUP:
        this.skipGroup(tag >>> 3, end, where, depth + 1);
        return;
      default:
        throw new OtlpDecodeError(`invalid wire type ${tag & 7} at byte ${pos} in ${where}`);
    }
  }

  private skipGroup(fieldNumber: number, end: number, where: string, depth: number): void {
    if (depth > MAX_GROUP_DEPTH) throw new OtlpDecodeError(`groups nested too deeply in ${where}`);
    for (;;) {
      if (this.pos >= end) throw truncated('group', this.pos, where);
      const tag = this.tag(end, where);
      if ((tag & 7) === WIRE_END_GROUP) {
        if (tag >>> 3 !== fieldNumber) throw new OtlpDecodeError(`mismatched end of group at byte ${this.pos} in ${where}`);
        return;
      }
      this.skipValue(tag, end, where, depth);
    }
  }
}

function truncated(what: string, pos: number, where: string): OtlpDecodeError {
  return new OtlpDecodeError(`truncated ${what} at byte ${pos} in ${where}`);
}
