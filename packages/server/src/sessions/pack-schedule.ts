import { TimeSlices } from '../concurrency/time-slices.js';
import { FifoQueue } from './fifo-queue.js';
import type { InFlightCall } from './in-flight-call.js';
import { isCallTrace } from './is-call-trace.js';
import { PackedSpans } from './packed-spans.js';

/**
 * A call still in progress (no root yet) packs the spans that have waited this long (packed-spans.ts).
 * Spans of a call that has ended stay decoded: it is built within the grace period anyway.
 */
const PACK_AFTER_US = 2_000_000;
/** Packing yields to the event loop as often as session building does (call-assembler.ts). */
const PACK_SLICE_MILLIS = 1;

/** When each call in progress packs the spans it holds decoded. */
export class PackSchedule {
  private readonly deadlines = new FifoQueue<{ key: string; dueUs: number }>();

  /** After a span joined `call`: its decoded spans are packed PACK_AFTER_US from now, unless its root comes first. */
  spanAdded(call: InFlightCall, key: string, nowUs: number): void {
    if (call.rootSeenUs !== null || call.packScheduled) return;
    call.packScheduled = true;
    this.deadlines.push({ key, dueUs: nowUs + PACK_AFTER_US });
  }

  /**
   * Packs the decoded spans of the calls due, in slices. Outside the ingest lock: a call is packed
   * in one synchronous step, and packing changes none of what select and admit read (span ids,
   * deadlines).
   */
  async packDue(nowUs: number, callOf: (key: string) => InFlightCall | undefined): Promise<void> {
    const slices = new TimeSlices(PACK_SLICE_MILLIS);
    for (let d = this.deadlines.peek(); d && d.dueUs <= nowUs; d = this.deadlines.peek()) {
      this.deadlines.shift();
      const call = callOf(d.key);
      if (!call) continue;
      call.packScheduled = false;
      if (call.rootSeenUs !== null || call.spans.length === 0) continue;
      call.packedIsCall ||= isCallTrace(call.spans);
      call.packed ??= new PackedSpans(call.traceId);
      call.packed.pack(call.spans);
      call.spans = [];
      await slices.next();
    }
  }
}
