import { cachedShortValue } from '../text/string-cache.js';
import { hexSlice, utf8Slice } from '../text/buffer-slices.js';
import { lowercaseHexDigit } from '../text/hex-digits.js';

/** Read back through the decoder's cache of short strings, so repeated values share one string. */
const SHORT_STRING_MAX = 24;
const ID_BYTES = 8;
const HEX_ID_CHARS = 16;
/** Strings up to this many chars are copied by a loop when they are ASCII. */
const ASCII_LOOP_MAX = 64;

type NativeWrite = (this: Buffer, text: string, offset: number, length: number) => number;
const prototype = Buffer.prototype as unknown as Record<string, NativeWrite | undefined>;
/** Buffer's UTF-8 writer without `write`'s argument handling (as text/buffer-slices.ts's slices do). */
const utf8Write: NativeWrite = prototype.utf8Write ?? function (this: Buffer, text, offset, length) {
  return this.write(text, offset, length, 'utf8');
};

const FIRST_CAPACITY = 64 * 1024;

/**
 * Appends varints, doubles, strings and 8-byte ids to a buffer that grows as needed; reused
 * batch after batch (reset), its bytes copied out at their exact size. Copies never slice Node's
 * shared 8 KiB pool (Buffer.allocUnsafe would), which a buffer kept for minutes would hold alive.
 */
export class PackWriter {
  private bytes: Buffer = Buffer.allocUnsafeSlow(FIRST_CAPACITY);
  private length = 0;

  get capacity(): number {
    return this.bytes.length;
  }

  reset(): void {
    this.length = 0;
  }

  /** What was written since reset, in a buffer of its own and of its exact size. */
  copyOut(): Buffer {
    const out = Buffer.allocUnsafeSlow(this.length);
    this.bytes.copy(out, 0, 0, this.length);
    return out;
  }

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.length + n, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
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
   * Length-prefixed UTF-8. An ASCII string of up to ASCII_LOOP_MAX chars (most keys' values:
   * model and host names, tokens) is copied by a loop, four times faster here than a native write;
   * anything else is written by one native call into room for its longest encoding (3 bytes a
   * UTF-16 unit), behind a length prefix of fixed width (a varint padded with continuation
   * bytes, which the reader takes as any varint), so no pass measures it first.
   */
  string(value: string): void {
    const n = value.length;
    if (n <= ASCII_LOOP_MAX) {
      this.reserve(1 + n);
      const b = this.bytes;
      const at = this.length + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c > 0x7f) break;
        b[at + i] = c;
      }
      if (i === n) {
        b[at - 1] = n;
        this.length = at + n;
        return;
      }
    }
    this.nativeString(value);
  }

  private nativeString(value: string): void {
    const most = value.length * 3;
    if (most >= 0x200000) {
      const n = Buffer.byteLength(value, 'utf8');
      this.varint(n);
      this.reserve(n);
      this.length += utf8Write.call(this.bytes, value, this.length, n);
      return;
    }
    const prefix = most < 0x80 ? 1 : most < 0x4000 ? 2 : 3;
    this.reserve(prefix + most);
    const b = this.bytes;
    const at = this.length;
    const n = utf8Write.call(b, value, at + prefix, most);
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

  /**
   * A span id: its 8 bytes when it is 16 lowercase hex digits (as the decoders write ids),
   * otherwise the text. Parsed by a loop: a regular expression and a native hex write cost
   * three times as much.
   */
  hexOrText(id: string): void {
    if (id.length === HEX_ID_CHARS) {
      this.reserve(1 + ID_BYTES);
      const b = this.bytes;
      const at = this.length + 1;
      let i = 0;
      for (; i < ID_BYTES; i++) {
        const hi = id.charCodeAt(2 * i);
        const lo = id.charCodeAt(2 * i + 1);
        const h = lowercaseHexDigit(hi);
        const l = lowercaseHexDigit(lo);
        if ((h | l) < 0) break;
        b[at + i] = (h << 4) | l;
      }
      if (i === ID_BYTES) {
        b[at - 1] = 1;
        this.length = at + ID_BYTES;
        return;
      }
    }
    this.byte(0);
    this.string(id);
  }
}

/** Reads back what a PackWriter wrote, in the same order. */
export class PackReader {
  private pos = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly end: number,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.end;
  }

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
