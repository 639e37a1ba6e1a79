import { utf8Slice } from './buffer-slices.js';

/**
 * Attribute keys repeat in every span of every request ("gen_ai.request.model", …). Decoding one
 * costs a native UTF-8 call plus, when it becomes a property name, a lookup in V8's string table.
 * This cache maps the key's bytes straight to a string decoded earlier, checking the bytes so
 * that a hash collision can never return the wrong key. Hits cost one pass over the bytes.
 *
 * Direct-mapped and process-wide: bounded memory (SLOTS entries of at most MAX_KEY_BYTES), and a
 * miss simply replaces the slot.
 */
const SLOTS = 4096;
const MAX_KEY_BYTES = 64;

const cachedBytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(SLOTS).fill(undefined);
const cachedStrings: string[] = new Array<string>(SLOTS).fill('');

export function cachedKey(buf: Buffer, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_KEY_BYTES) return utf8Slice(buf, start, end);
  if (length === 0) return '';
  // A hash of the length and four sampled bytes rather than of every byte: keys of one namespace
  // differ mostly in length and ending, and the comparison below is what guarantees correctness.
  const sample = buf[start] | (buf[start + (length >> 1)] << 8) | (buf[Math.max(start, end - 2)] << 16) | (buf[end - 1] << 24);
  const hash = Math.imul(sample ^ Math.imul(length, 0x9e3779b1), 0x85ebca6b);
  const slot = (hash ^ (hash >>> 15)) & (SLOTS - 1);
  const bytes = cachedBytes[slot];
  if (bytes !== undefined && bytes.length === length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (bytes[i] !== buf[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return cachedStrings[slot];
  }
  const text = utf8Slice(buf, start, end);
  cachedBytes[slot] = Uint8Array.prototype.slice.call(buf, start, end);
  cachedStrings[slot] = text;
  return text;
}
