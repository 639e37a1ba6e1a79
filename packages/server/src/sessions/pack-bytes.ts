import { cachedShortValue } from '../text/string-cache.js';
import { hexSlice, utf8Slice } from '../text/buffer-slices.js';
import { BufferPool } from './buffer-pool.js';

/** Read back through the decoder's cache of short strings, so repeated values share one string. */
const SHORT_STRING_MAX = 24;
const HEX_ID = /^[0-9a-f]{16}$/;
const ID_BYTES = 8;

type NativeWrite = (this: Buffer, text: string, offset: number, length: number) => number;
const prototype = Buffer.prototype as unknown as Record<string, NativeWrite | undefined>;
/** Buffer's per-encoding writers skip `write`'s argument handling (as buffer-slices.ts's slices do). */
const utf8Write: NativeWrite = prototype.utf8Write ?? function (this: Buffer, text, offset, length) {
  return this.write(text, offset, length, 'utf8');
};
const hexWrite: NativeWrite = prototype.hexWrite ?? function (this: Buffer, text, offset, length) {
  return this.write(text, offset, length, 'hex');
};

const pool = new BufferPool();

/**
 * Appends varints, doubles, strings and 8-byte ids to a buffer of its own that grows through the
 * pool's size classes: each buffer it outgrows goes back to the pool for the next call growing
 * through that size (allocating an ArrayBuffer costs about a microsecond; growing from scratch
 * was a sixth of packing a call). The last one is the collector's when the call is dropped, so
 * no buffer is ever given back while something may still read it.
 */
export class PackWriter {
  bytes: Buffer = pool.take(0);
  length = 0;

  get capacity(): number {
    return this.bytes.length;
  }

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = pool.take(this.length + n);
    this.bytes.copy(grown, 0, 0, this.length);
    pool.give(this.bytes);
    this.bytes = grown;
  }

  /**
   * Moves the bytes into a buffer of their exact size: a call that has packed what it holds may
   * wait minutes before it packs more, and its size class has a fifth to spare on average.
   */
  trim(): void {
    if (this.length === this.bytes.length) return;
    const exact = Buffer.allocUnsafeSlow(this.length);
    this.bytes.copy(exact, 0, 0, this.length);
    pool.give(this.bytes);
    this.bytes = exact;
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** A non-negative integer up to 2^53. */
  varint(value: number): void {
    this.reserve(8);
    const b = this.bytes;
    let rest = value;
    while (rest >= 0x80) {
      b[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    b[this.length++] = rest;
  }

  /** An integer of either sign whose magnitude is under 2^52 (its zigzag form stays under 2^53). */
  zigzag(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  float64(value: number): void {
    this.reserve(8);
    this.bytes.writeDoubleLE(value, this.length);
    this.length += 8;
  }

  /**
   * Length-prefixed UTF-8. The text is written by one native call into room for its longest
   * encoding (3 bytes a UTF-16 unit), behind a length prefix of fixed width (a varint padded
   * with continuation bytes, which the reader takes as any varint), so no pass measures it first.
   */
  string(value: string): void {
    const most = value.length * 3;
    const prefix = most < 0x80 ? 1 : most < 0x4000 ? 2 : 3;
    if (most >= 0x200000) {
      const n = Buffer.byteLength(value, 'utf8');
      this.varint(n);
      this.reserve(n);
      this.length += utf8Write.call(this.bytes, value, this.length, n);
      return;
    }
    this.reserve(prefix + most);
    const b = this.bytes;
    const at = this.length;
    const n = most === 0 ? 0 : utf8Write.call(b, value, at + prefix, most);
    if (prefix === 1) b[at] = n;
    else if (prefix === 2) {
      b[at] = (n & 0x7f) | 0x80;
      b[at + 1] = n >>> 7;
    } else {
      b[at] = (n & 0x7f) | 0x80;
      b[at + 1] = ((n >>> 7) & 0x7f) | 0x80;
      b[at + 2] = n >>> 14;
    }
    this.length = at + prefix + n;
  }

  /** A span id: its 8 bytes when it is 16 lowercase hex digits (as the decoders write ids), otherwise the text. */
  hexOrText(id: string): void {
    if (!HEX_ID.test(id)) {
      this.byte(0);
      this.string(id);
      return;
    }
    this.reserve(1 + ID_BYTES);
    this.bytes[this.length] = 1;
    hexWrite.call(this.bytes, id, this.length + 1, ID_BYTES);
    this.length += 1 + ID_BYTES;
  }
}

/** Reads back what a PackWriter wrote, in the same order. */
export class PackReader {
  private pos = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly end: number,
  ) {}

  byte(): number {
    if (this.pos >= this.end) throw new Error('packed spans: read past the end');
    return this.bytes[this.pos++];
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
  }

  zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  float64(): number {
    const value = this.bytes.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  string(): string {
    const n = this.varint();
    const start = this.pos;
    this.pos += n;
    if (this.pos > this.end) throw new Error('packed spans: read past the end');
    if (n === 0) return '';
    return n <= SHORT_STRING_MAX ? cachedShortValue(this.bytes, start, this.pos) : utf8Slice(this.bytes, start, this.pos);
  }

  hexOrText(): string {
    if (this.byte() === 0) return this.string();
    const start = this.pos;
    this.pos += ID_BYTES;
    return hexSlice(this.bytes, start, this.pos);
  }
}
