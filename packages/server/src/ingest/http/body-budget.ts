import { PlaneError } from '../../errors/plane-error.js';

/**
 * Bytes of OTLP bodies held in memory at once, across requests (raw and decompressed). Each body
 * is limited on its own; this bounds their sum, so many large exports arriving together get 503
 * + Retry-After instead of growing the heap without limit.
 */
export class BodyBudget {
  private used = 0;

  constructor(private readonly maxBytes: number) {}

  /** Takes `bytes` from the budget or throws 503; the caller gives them back with release(). */
  reserve(bytes: number): void {
    // One body alone may always use the whole budget, so a lone large export is never refused.
    if (this.used > 0 && this.used + bytes > this.maxBytes) {
      throw PlaneError.unavailable(`the plane is decoding ${this.used} bytes of exports; retry shortly`, 1);
    }
    this.used += bytes;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}
