import { BusinessEventAttr, CallAttr, EventName, WorkItemAttr } from '@lumay/conventions';
import type { BusinessEvent, WorkItem } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { asNumber, asText, attributeOf } from './attribute-readers.js';

export interface CallEvents {
  workItems: WorkItem[];
  businessEvents: BusinessEvent[];
  /** A `lumay.transfer` event occurred on some span. */
  transferEvent: boolean;
  /** `lumay.call.escalation.reason` of the first transfer event that carries one, or ''. */
  transferReason: string;
}

/**
 * Work items, business events and transfers from span events, in span order (root first, then by
 * start) and event order within a span. An event may sit on any span: the connector span that
 * created the ticket is the natural place.
 */
export function collectCallEvents(ordered: readonly SpanRecord[]): CallEvents {
  const out: CallEvents = { workItems: [], businessEvents: [], transferEvent: false, transferReason: '' };
  for (const span of ordered) {
    for (const event of span.events) {
      const attributes = event.attributes;
      const text = (key: string): string | null => asText(attributeOf(attributes, key));
      if (event.name === EventName.workItem) {
        out.workItems.push({
          // The KPI counts by type; an untyped item still counts, as `other`.
          type: text(WorkItemAttr.type) ?? 'other',
          id: text(WorkItemAttr.id) ?? '',
          system: text(WorkItemAttr.system) ?? '',
          spanId: span.spanId,
        });
      } else if (event.name === EventName.businessEvent) {
        out.businessEvents.push({
          name: text(BusinessEventAttr.name) ?? '',
          value: asNumber(attributeOf(attributes, BusinessEventAttr.value)),
          spanId: span.spanId,
        });
      } else if (event.name === EventName.transfer) {
        out.transferEvent = true;
        if (out.transferReason === '') out.transferReason = text(CallAttr.escalationReason) ?? '';
      }
    }
  }
  return out;
}
