import type { CallSession, TurnSpan } from '@lumay/telemetry';
import { dispatchConnector, type DispatchResult } from '../connectors/connector-dispatch.js';
import type { VendorResult } from '../connectors/vendor-client.js';
import type { EngineDeps } from './engine-deps.js';
import type { ToolName } from './scenarios.js';

export interface ToolContext {
  call: CallSession;
  turn: TurnSpan;
  callerHash: string;
  deps: EngineDeps;
}

/**
 * Carries out a tool the model called as a connector call. Ticket creation goes through the
 * RabbitMQ worker (request/reply), the others straight to the vendor over HTTP.
 */
export async function runTool(tool: Exclude<ToolName, 'transfer_to_human'>, context: ToolContext): Promise<DispatchResult> {
  const { call, turn, deps } = context;
  const callSid = call.callId;
  switch (tool) {
    case 'lookup_customer':
      return dispatchConnector(turn, { name: 'crm', kind: 'crm', operation: 'lookup_customer', toolName: tool }, callSid, deps.store, (onRetry) =>
        deps.vendor.request('GET', `/crm/customers?caller=${encodeURIComponent(context.callerHash)}`, undefined, onRetry),
      );
    case 'lookup_order':
      return dispatchConnector(turn, { name: 'crm', kind: 'crm', operation: 'lookup_order', toolName: tool }, callSid, deps.store, (onRetry) =>
        deps.vendor.request('GET', '/crm/orders/48213', undefined, onRetry),
      );
    case 'book_appointment': {
      const result = await dispatchConnector(
        turn,
        { name: 'calendar', kind: 'calendar', operation: 'book_appointment', toolName: tool },
        callSid,
        deps.store,
        (onRetry) => deps.vendor.request('POST', '/calendar/appointments', { callSid, slot: 'tuesday-09:00' }, onRetry),
        (body) => ({ type: 'appointment', id: String(body.id), system: 'calendar' }),
      );
      if (result.ok) call.businessEvent('appointment_booked');
      return result;
    }
    case 'create_ticket': {
      // The worker makes the HTTP request; its answer says how many retries it took.
      const waitMillis = deps.config.connectorTimeoutMillis * 2.5 * deps.config.timeScale;
      const viaQueue = async (onRetry: () => void): Promise<VendorResult> => {
        const reply = await deps.work.requestTicket({ callSid, subject: 'Connection drops every few minutes' }, waitMillis);
        for (let i = 0; i < reply.retries; i++) onRetry();
        return reply.ok ? { ok: true, body: { id: reply.ticketId }, retries: reply.retries } : reply;
      };
      return dispatchConnector(turn, { name: 'ticketing', kind: 'ticketing', operation: 'create_ticket', toolName: tool }, callSid, deps.store, viaQueue, (body) => ({
        type: 'ticket',
        id: String(body.id),
        system: 'ticketing',
      }));
    }
  }
}

/** After a resolved call: the conversation logged on the customer's CRM record (a `crm_update`). */
export function logCallInCrm(call: CallSession, deps: EngineDeps): Promise<DispatchResult> {
  return dispatchConnector(
    call,
    { name: 'crm', kind: 'crm', operation: 'log_call' },
    call.callId,
    deps.store,
    (onRetry) => deps.vendor.request('POST', '/crm/activities', { callSid: call.callId, type: 'phone_call' }, onRetry),
    (body) => ({ type: 'crm_update', id: String(body.id), system: 'crm' }),
  );
}
