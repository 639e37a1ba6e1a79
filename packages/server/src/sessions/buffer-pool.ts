/** The smallest size class; a call's first spans fit in it. */
const FIRST_CLASS_BYTES = 1024;
/** Each class is this much larger than the one before (×2 would waste a third of a call's bytes on average). */
const CLASS_GROWTH = 1.5;
const CLASSES = 24;
/** Free buffers kept in all, so a burst of calls does not keep its peak memory for ever. */
const MAX_FREE_BYTES = 32 * 1024 * 1024;

const CLASS_BYTES: number[] = [];
for (let size = FIRST_CLASS_BYTES, k = 0; k < CLASSES; k++, size = Math.ceil((size * CLASS_GROWTH) / 64) * 64) CLASS_BYTES.push(size);

/**
 * Buffers of a few size classes, each its own ArrayBuffer (never a slice of Node's shared pool,
 * which would keep the whole pool alive), reused once given back. Allocating an ArrayBuffer costs
 * about a microsecond, about what packing five spans costs.
 */
export class BufferPool {
  private readonly free: Buffer[][] = CLASS_BYTES.map(() => []);
  private freeBytes = 0;

  /** A buffer of at least `bytes` bytes (its contents are not cleared). */
  take(bytes: number): Buffer {
    const k = classOf(bytes);
    if (k < 0) return Buffer.allocUnsafeSlow(bytes);
    const reused = this.free[k].pop();
    if (reused) {
      this.freeBytes -= reused.length;
      return reused;
    }
    return Buffer.allocUnsafeSlow(CLASS_BYTES[k]);
  }

  give(buffer: Buffer): void {
    const k = CLASS_BYTES.indexOf(buffer.length);
    if (k < 0 || this.freeBytes + buffer.length > MAX_FREE_BYTES) return;
    this.free[k].push(buffer);
    this.freeBytes += buffer.length;
  }
}

function classOf(bytes: number): number {
  for (let k = 0; k < CLASSES; k++) if (CLASS_BYTES[k] >= bytes) return k;
  return -1;
}
