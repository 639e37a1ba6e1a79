import type { SpanRecord } from '../model/telemetry-records.js';

/** A call whose spans are still arriving. */
export interface InFlightCall {
  tenantId: string;
  traceId: string;
  spans: SpanRecord[];
  spanIds: Set<string>;
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
