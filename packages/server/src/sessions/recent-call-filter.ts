/**
 * Which calls were finalised recently, as Bloom filters: "no" is certain, "maybe" is wrong about
 * once in millions of lookups. The assembler asks it whether a call that just started may already
 * have a stored session (its completion forgotten by the bounded `completed` map), so only those
 * calls pay a lookup in the store before they are written; every other session is known to be new
 * and its write skips the search for an earlier revision (a scan of every session near its start).
 *
 * Keys are kept for `retentionUs` after they are added, in generations of fixed capacity, so memory
 * follows the call rate (256 KiB per 65,536 calls: 32 bits a key) and old generations are dropped
 * whole. Calls whose spans started before the retention horizon are the caller's to treat as
 * "maybe" (see CompletedCalls.mayBeStored, completed-calls.ts).
 */

const CAPACITY = 1 << 16;
const BITS_PER_KEY = 32;
/** Optimal for 32 bits a key (32 · ln 2 ≈ 22): about 2.4e-7 false positives per generation. */
const HASHES = 22;
const WORDS = (CAPACITY * BITS_PER_KEY) / 32;
const BITS = WORDS * 32;

interface Generation {
  bits: Uint32Array;
  count: number;
  firstUs: number;
  lastUs: number;
}

/** Two independent 32-bit hashes of a string (FNV-1a and a multiplicative variant), each finalised with murmur3's mixer. */
function hashPair(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [fmix(a), fmix(b) | 1];
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class RecentCallFilter {
  private generations: Generation[] = [];

  constructor(private readonly retentionUs: number) {}

  add(key: string, nowUs: number): void {
    this.expire(nowUs);
    let current = this.generations[this.generations.length - 1];
    if (!current || current.count >= CAPACITY) {
      current = { bits: new Uint32Array(WORDS), count: 0, firstUs: nowUs, lastUs: nowUs };
      this.generations.push(current);
    }
    const [h1, h2] = hashPair(key);
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + Math.imul(i, h2)) >>> 0;
      const index = bit % BITS;
      current.bits[index >>> 5] |= 1 << (index & 31);
    }
    current.count++;
    current.lastUs = nowUs;
  }

  mightContain(key: string): boolean {
    if (this.generations.length === 0) return false;
    const [h1, h2] = hashPair(key);
    for (const g of this.generations) {
      let all = true;
      for (let i = 0; i < HASHES && all; i++) {
        const index = ((h1 + Math.imul(i, h2)) >>> 0) % BITS;
        all = (g.bits[index >>> 5] & (1 << (index & 31))) !== 0;
      }
      if (all) return true;
    }
    return false;
  }

  /** Bytes held, for tests and the memory budget. */
  get bytes(): number {
    return this.generations.length * WORDS * 4;
  }

  /** Drops generations whose newest key is older than the retention. */
  private expire(nowUs: number): void {
    let drop = 0;
    while (drop < this.generations.length && this.generations[drop].lastUs < nowUs - this.retentionUs) drop++;
    if (drop > 0) this.generations = this.generations.slice(drop);
  }
}
