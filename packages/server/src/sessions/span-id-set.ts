import { randomBytes } from 'node:crypto';
import { lowercaseHexDigit } from '../text/hex-digits.js';

/**
 * The span ids of one call in flight, so that a retried span is recognised on arrival. A call holds
 * one for as long as it lasts, packed spans included, and 10k calls in flight hold ~240k ids: as
 * strings in a `Set` that is ~65 bytes an id (the 16-character string and the table's entry). Here a
 * canonical id (16 lowercase hex digits, what both decoders make) is its 8 bytes in an
 * open-addressing table of 32-bit pairs; anything else falls back to a `Set` of strings, so two ids
 * are the same exactly when their strings are.
 */
export class SpanIdSet {
  /** Pairs (high, low); (0, 0) marks an empty slot, so the all-zero id is kept aside. */
  private slots: Uint32Array | null = null;
  private used = 0;
  private hasZero = false;
  private others: Set<string> | null = null;

  static of(ids: Iterable<string>): SpanIdSet {
    const set = new SpanIdSet();
    for (const id of ids) set.add(id);
    return set;
  }

  get size(): number {
    return this.used + (this.hasZero ? 1 : 0) + (this.others?.size ?? 0);
  }

  has(id: string): boolean {
    if (!parseId(id)) return this.others?.has(id) ?? false;
    const { high, low } = parsed;
    if ((high | low) === 0) return this.hasZero;
    return this.slots !== null && this.slotOf(this.slots, high, low) >= 0;
  }

  /** Adds `id`; false when it was there already. */
  add(id: string): boolean {
    if (!parseId(id)) {
      this.others ??= new Set();
      const before = this.others.size;
      return this.others.add(id).size > before;
    }
    const { high, low } = parsed;
    if ((high | low) === 0) {
      if (this.hasZero) return false;
      return (this.hasZero = true);
    }
    if (this.slots !== null && this.slotOf(this.slots, high, low) >= 0) return false;
    // Linear probing stays short below three-quarters full.
    if (this.slots === null || (this.used + 1) * 4 > (this.slots.length / 2) * 3) this.slots = this.grown(this.slots);
    this.insert(this.slots, high, low);
    this.used++;
    return true;
  }

  /** The slot index (in pairs) holding the id, or -1. */
  private slotOf(slots: Uint32Array, high: number, low: number): number {
    const mask = slots.length / 2 - 1;
    for (let i = hash(high, low) & mask; ; i = (i + 1) & mask) {
      const h = slots[2 * i];
      const l = slots[2 * i + 1];
      if ((h | l) === 0) return -1;
      if (h === high && l === low) return i;
    }
  }

  private insert(slots: Uint32Array, high: number, low: number): void {
    const mask = slots.length / 2 - 1;
    let i = hash(high, low) & mask;
    while ((slots[2 * i] | slots[2 * i + 1]) !== 0) i = (i + 1) & mask;
    slots[2 * i] = high;
    slots[2 * i + 1] = low;
  }

  private grown(old: Uint32Array | null): Uint32Array {
    // 8 pairs (64 bytes) to start: V8 keeps typed arrays that small inside its heap.
    const next = new Uint32Array(old === null ? 16 : old.length * 2);
    if (old !== null) {
      for (let i = 0; i < old.length; i += 2) if ((old[i] | old[i + 1]) !== 0) this.insert(next, old[i], old[i + 1]);
    }
    return next;
  }
}

/** Per-process keys: a sender cannot choose ids that pile up in one run of slots. */
const SEED = randomBytes(8);
const SEED_HIGH = SEED.readUInt32LE(0);
const SEED_LOW = SEED.readUInt32LE(4);

function hash(high: number, low: number): number {
  let h = Math.imul(low ^ SEED_LOW, 0x9e3779b1) ^ Math.imul(high ^ SEED_HIGH, 0x85ebca77);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 13);
}

/** The two words of the id parseId read last (one object for all: the hot path allocates nothing). */
const parsed = { high: 0, low: 0 };

/** Whether `id` is 16 lowercase hex digits; if so, its words are left in `parsed`. */
function parseId(id: string): boolean {
  if (id.length !== 16) return false;
  const high = hexWord(id, 0);
  const low = hexWord(id, 8);
  if (high < 0 || low < 0) return false;
  parsed.high = high;
  parsed.low = low;
  return true;
}

/** Eight lowercase hex digits of `text` from `start` as an unsigned 32-bit number, or -1. */
function hexWord(text: string, start: number): number {
  let value = 0;
  for (let i = start; i < start + 8; i++) {
    const digit = lowercaseHexDigit(text.charCodeAt(i));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
