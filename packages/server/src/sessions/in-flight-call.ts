import type { SpanRecord } from '../model/telemetry-records.js';
import type { PackedSpans } from './packed-spans.js';
import type { SpanIdSet } from './span-id-set.js';

/** A call whose spans are still arriving. */
export interface InFlightCall {
  tenantId: string;
  traceId: string;
  /** Spans as decoded: those that arrived since the call's spans were last packed, the root among them. */
  spans: SpanRecord[];
  /**
   * The call's earlier spans, packed while it was in progress (no root yet), or null. A call can
   * last minutes and a decoded span is ~600 bytes of heap; packed, about a third of that.
   */
  packed: PackedSpans | null;
  /** Whether the packed spans alone make the trace a call (isCallTrace), decided when they were packed. */
  packedIsCall: boolean;
  /** Whether packing this call's loose spans is scheduled. */
  packScheduled: boolean;
  /** Every span id of the call, packed or not: retries are recognised on arrival. */
  spanIds: SpanIdSet;
  /** Wall-clock time the plane first saw a span of this call (µs). */
  firstSeenUs: number;
  /** Wall-clock time the root span arrived (µs), or null while it has not. */
  rootSeenUs: number | null;
  /** Set when the call amends a session that was already stored (spans arrived after completion). */
  amends: boolean;
  /**
   * Set when a session of this trace may be stored although the plane no longer remembers
   * completing it (recent-call-filter.ts); the stored revision is then looked up before writing.
   */
  mayBeStored: boolean;
  /** What the caller said (transcript log records), for sentiment when the engine states none. */
  callerLines: CallerLine[];
}

/** One transcript line of the caller (a log record with `lumay.transcript.role = caller`). */
export interface CallerLine {
  timeUs: number;
  text: string;
}

/** Every span of a call in flight: the packed ones first, in arrival order. */
export function spansOfCall(call: InFlightCall): SpanRecord[] {
  return call.packed ? [...call.packed.unpack(), ...call.spans] : call.spans;
}

export function spanCountOfCall(call: InFlightCall): number {
  return (call.packed?.count ?? 0) + call.spans.length;
}

/** The earliest start time among a call's spans (Infinity before any arrived). */
export function earliestStartOfCall(call: InFlightCall): number {
  let earliest = call.packed?.minStartUs ?? Infinity;
  for (const span of call.spans) if (span.startUs < earliest) earliest = span.startUs;
  return earliest;
}

/** Key of a call inside the plane: the same trace id in two tenants is two calls. */
export function callKey(tenantId: string, traceId: string): string {
  return `${tenantId}\u0000${traceId}`;
}

/** What the live view shows of a call in flight. */
export interface LiveCall {
  traceId: string;
  callId: string;
  agentId: string;
  direction: string;
  startUs: number;
  spanCount: number;
  rootArrived: boolean;
}
