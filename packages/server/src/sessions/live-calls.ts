import { CallAttr } from '@lumay/conventions';
import { earliestStartOfCall, spanCountOfCall, type InFlightCall, type LiveCall } from './in-flight-call.js';

/** Calls of one tenant still in flight, newest first, for the live view (amendments of stored calls left out). */
export function liveCallsOf(calls: Iterable<InFlightCall>, tenantId: string, limit: number): LiveCall[] {
  const out: LiveCall[] = [];
  for (const call of calls) {
    if (call.tenantId !== tenantId || call.amends) continue;
    // The root is never packed: only calls without one pack their spans.
    const root = call.spans.find((s) => s.parentSpanId === '');
    const earliest = earliestStartOfCall(call);
    const attr = (name: string): string => {
      const v = root?.attributes[name];
      return typeof v === 'string' ? v : '';
    };
    out.push({
      traceId: call.traceId,
      callId: attr(CallAttr.id) || call.traceId,
      agentId: attr(CallAttr.agentId),
      direction: attr(CallAttr.direction) || 'inbound',
      startUs: Number.isFinite(earliest) ? earliest : 0,
      spanCount: spanCountOfCall(call),
      rootArrived: call.rootSeenUs !== null,
    });
  }
  out.sort((a, b) => b.startUs - a.startUs);
  return out.slice(0, limit);
}
