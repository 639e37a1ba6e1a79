import type { CallSession, ConnectorKind, TurnSpan, WorkItem } from '@lumay/telemetry';
import type { CallStore } from '../state/call-store.js';
import type { VendorResult } from './vendor-client.js';

export interface ConnectorSpec {
  /** The system called; a small fixed set (`crm`, `ticketing`, `calendar`). */
  name: string;
  kind: ConnectorKind;
  operation: string;
  /** The model's tool that triggered it. */
  toolName?: string;
}

export interface DispatchResult {
  ok: boolean;
  body: Record<string, unknown>;
}

/**
 * One connector call through the SDK: a `connector <name>.<operation>` span that is active while
 * `send` runs (so its HTTP request or RabbitMQ publish is a child), settled with success (and the
 * work item it created), failure or timeout and its retries; then the engine's own record of it
 * in PostgreSQL, in the caller's span.
 */
export async function dispatchConnector(
  parent: TurnSpan | CallSession,
  spec: ConnectorSpec,
  callSid: string,
  store: CallStore,
  send: (onRetry: () => void) => Promise<VendorResult>,
  workItemOf?: (body: Record<string, unknown>) => WorkItem,
): Promise<DispatchResult> {
  const started = performance.now();
  const connector = parent.startConnector({ name: spec.name, kind: spec.kind, operation: spec.operation, toolName: spec.toolName });
  const result = await connector.run(() => send(() => connector.retry()));
  const workItem = result.ok && workItemOf !== undefined ? workItemOf(result.body) : undefined;
  if (result.ok) connector.succeed({ workItem });
  else if (result.timedOut) connector.fail({ errorType: result.errorType, timedOut: true });
  else connector.fail({ errorType: result.errorType });

  const durationMs = performance.now() - started;
  await parent.run(async () => {
    await store.recordConnectorCall(callSid, {
      connector: spec.name,
      operation: spec.operation,
      success: result.ok,
      errorType: result.ok ? undefined : result.errorType,
      retries: result.retries,
      durationMs,
    });
    if (workItem !== undefined) await store.recordWorkItem(callSid, workItem.type, workItem.id ?? '', workItem.system ?? spec.name);
  });
  return { ok: result.ok, body: result.ok ? result.body : {} };
}
