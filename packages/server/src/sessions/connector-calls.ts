import { ConnectorAttr, StageAttr } from '@lumay/conventions';
import type { ConnectorCall } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { readBoolean, readQuantity, readText } from './attribute-readers.js';
import type { CallSpans } from './call-spans.js';
import { LiveKitAttr } from './engine-attributes.js';

const STATUS_ERROR = 2;

/**
 * One connector call per innermost connector-stage span (see CallSpans.innermost): a LiveKit
 * `function_tool` that wraps two SDK connector spans is two calls, to the systems those name.
 */
export function connectorCallsOf(call: CallSpans): ConnectorCall[] {
  const calls: ConnectorCall[] = [];
  call.ordered.forEach((span, i) => {
    if (call.stages[i] === 'connector' && call.innermost[i]) calls.push(connectorCallOf(span));
  });
  return calls;
}

/**
 * Success, most specific evidence first: the engine's own `lumay.connector.success`, then LiveKit's
 * per-tool `lk.function_tool.is_error`, then the span status (only ERROR is a failure: most
 * instrumentations leave a successful span's status unset).
 */
export function connectorSuccess(span: SpanRecord): boolean {
  const stated = readBoolean(span, ConnectorAttr.success);
  if (stated !== null) return stated;
  const isError = readBoolean(span, LiveKitAttr.functionToolIsError);
  if (isError !== null) return !isError;
  return span.statusCode !== STATUS_ERROR;
}

/** The system a connector span called: ours, the GenAI tool name, LiveKit's, else the span name. */
export function connectorNameOf(span: SpanRecord): string {
  return (
    readText(span, ConnectorAttr.name) ??
    readText(span, ConnectorAttr.toolName) ??
    readText(span, LiveKitAttr.functionToolName) ??
    span.name
  );
}

function connectorCallOf(span: SpanRecord): ConnectorCall {
  const success = connectorSuccess(span);
  const retries = readQuantity(span, ConnectorAttr.retries) ?? readQuantity(span, LiveKitAttr.retryCount) ?? 0;
  return {
    spanId: span.spanId,
    connector: connectorNameOf(span),
    kind: (readText(span, ConnectorAttr.kind) ?? '').toLowerCase(),
    operation: readText(span, ConnectorAttr.operation) ?? '',
    success,
    startUs: span.startUs,
    durationMs: Math.max(0, span.endUs - span.startUs) / 1000,
    retries: Math.floor(retries),
    timedOut: readBoolean(span, ConnectorAttr.timedOut) ?? false,
    errorType: success ? '' : (readText(span, StageAttr.errorType) ?? (span.statusMessage || '')),
  };
}
