import { utf8Slice } from './buffer-slices.js';

/**
 * Attribute keys repeat in every span of every request ("gen_ai.request.model", …). Decoding one
 * costs a native UTF-8 call plus, when it becomes a property name, a lookup in V8's string table.
 * A StringCache maps the bytes straight to a string decoded earlier, checking the bytes so that a
 * hash collision can never return the wrong string; hits cost one pass over the bytes.
 *
 * Direct-mapped, bounded (`slots` entries of at most `maxBytes`): a miss replaces the slot. The
 * key cache below is one; short attribute values and span names (`llm`, `deepgram`, `inbound`,
 * model names), which repeat as much as keys do, use another, shared by both decoders and by
 * unpacking (sessions/pack-bytes.ts), so the spans of calls share those strings too.
 */
export class StringCache {
  private readonly bytes: (Uint8Array | undefined)[];
  private readonly strings: string[];

  constructor(
    private readonly slots: number,
    private readonly maxBytes: number,
  ) {
    this.bytes = new Array<Uint8Array | undefined>(slots).fill(undefined);
    this.strings = new Array<string>(slots).fill('');
  }

  get(buf: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length > this.maxBytes) return utf8Slice(buf, start, end);
    if (length === 0) return '';
    // A hash of the length and four sampled bytes rather than of every byte: keys of one namespace
    // differ mostly in length and ending, and the comparison below is what guarantees correctness.
    const sample = buf[start] | (buf[start + (length >> 1)] << 8) | (buf[Math.max(start, end - 2)] << 16) | (buf[end - 1] << 24);
    const hash = Math.imul(sample ^ Math.imul(length, 0x9e3779b1), 0x85ebca6b);
    const slot = (hash ^ (hash >>> 15)) & (this.slots - 1);
    const bytes = this.bytes[slot];
    if (bytes !== undefined && bytes.length === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (bytes[i] !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.strings[slot];
    }
    const text = utf8Slice(buf, start, end);
    this.bytes[slot] = Uint8Array.prototype.slice.call(buf, start, end);
    this.strings[slot] = text;
    return text;
  }
}

const KEYS = new StringCache(4096, 64);
const SHORT_VALUES = new StringCache(4096, 24);

export function cachedKey(buf: Buffer, start: number, end: number): string {
  return KEYS.get(buf, start, end);
}

/** A string value of at most 24 bytes through its own cache (longer ones are mostly unique). */
export function cachedShortValue(buf: Buffer, start: number, end: number): string {
  return SHORT_VALUES.get(buf, start, end);
}
