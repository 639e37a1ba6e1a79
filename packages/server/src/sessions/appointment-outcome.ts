import type { BusinessEvent, ConnectorCall, WorkItem } from '../model/call-session.js';

/** A calendar operation that makes a booking (as opposed to reading availability). */
const BOOKING_OPERATION = /book|schedul|reserve|create/i;
const BOOKED_EVENT = 'appointment_booked';

/**
 * Did the call try to book an appointment, and did it? The evidence, most explicit first: an
 * `appointment` work item or an `appointment_booked` business event is a booking; a successful
 * booking operation on a connector of kind `calendar` is one too. Any calendar connector call is
 * an attempt, so availability checks that led nowhere count against the conversion rate.
 */
export function appointmentOutcomeOf(
  connectorCalls: readonly ConnectorCall[],
  workItems: readonly WorkItem[],
  businessEvents: readonly BusinessEvent[],
): { appointmentAttempted: boolean; appointmentBooked: boolean } {
  const calendar = connectorCalls.filter((c) => c.kind === 'calendar');
  const booked =
    workItems.some((w) => w.type === 'appointment') ||
    businessEvents.some((e) => e.name === BOOKED_EVENT) ||
    calendar.some((c) => c.success && BOOKING_OPERATION.test(c.operation));
  return { appointmentAttempted: booked || calendar.length > 0, appointmentBooked: booked };
}
