import { CallAttr } from '@lumay/conventions';
import type { InFlightCall, LiveCall } from './in-flight-call.js';

/** Calls of one tenant still in flight, newest first, for the live view (amendments of stored calls left out). */
export function liveCallsOf(calls: Iterable<InFlightCall>, tenantId: string, limit: number): LiveCall[] {
  const out: LiveCall[] = [];
  for (const call of calls) {
    if (call.tenantId !== tenantId || call.amends) continue;
    const root = call.spans.find((s) => s.parentSpanId === '');
    const first = root ?? call.spans[0];
    const attr = (name: string): string => {
      const v = root?.attributes[name];
      return typeof v === 'string' ? v : '';
    };
    out.push({
      traceId: call.traceId,
      callId: attr(CallAttr.id) || call.traceId,
      agentId: attr(CallAttr.agentId),
      direction: attr(CallAttr.direction) || 'inbound',
      startUs: Math.min(...call.spans.map((s) => s.startUs), first?.startUs ?? 0),
      spanCount: call.spans.length,
      rootArrived: call.rootSeenUs !== null,
    });
  }
  out.sort((a, b) => b.startUs - a.startUs);
  return out.slice(0, limit);
}
