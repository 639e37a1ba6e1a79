import { SpanKind, SpanStatusCode, type Attributes, type Context, type Span, type TimeInput } from '@opentelemetry/api';
import { ConnectorAttr, CostAttr, EventName, StageAttr, WorkItemAttr } from '@lumay/conventions';
import type { ConnectorOutcome } from '../metrics/engine-metrics.js';
import type { ConnectorFailure, ConnectorOptions, ConnectorSuccess, WorkItem } from './call-options.js';
import { checkedQuantity, SpanHandle, type CallRuntime } from './call-scope.js';

function startConnectorSpan(runtime: CallRuntime, parent: Context, options: ConnectorOptions): Span {
  const attributes: Attributes = {
    ...options.attributes,
    [StageAttr.stage]: 'connector',
    [ConnectorAttr.name]: options.name,
    [ConnectorAttr.operation]: options.operation,
  };
  if (options.kind !== undefined) attributes[ConnectorAttr.kind] = options.kind;
  if (options.toolName !== undefined) attributes[ConnectorAttr.toolName] = options.toolName;
  const name = `connector ${options.name}.${options.operation}`;
  return runtime.tracer.startSpan(name, { kind: SpanKind.CLIENT, startTime: options.startTime, attributes }, parent);
}

/** The attributes of a `lumay.work_item` event. */
export function workItemAttributes(item: WorkItem): Attributes {
  const attributes: Attributes = { [WorkItemAttr.type]: item.type };
  if (item.id !== undefined) attributes[WorkItemAttr.id] = item.id;
  if (item.system !== undefined) attributes[WorkItemAttr.system] = item.system;
  return attributes;
}

/**
 * One request to a business system (CRM, ticketing, calendar). End it with `succeed` or `fail`
 * (`timeout` for the common case); `retry` before retrying it. Success is what the engine says it
 * is: a 200 answering "customer not found" may be either.
 */
export class ConnectorCall extends SpanHandle {
  readonly connector: string;
  private retries = 0;

  constructor(runtime: CallRuntime, parent: Context, options: ConnectorOptions) {
    super(runtime, startConnectorSpan(runtime, parent, options), parent, options.startTime);
    this.connector = options.name;
    runtime.open.add(this);
  }

  /** Counts one retry of this request (`lumay.connector.retries`). */
  retry(): void {
    this.retries++;
  }

  succeed(result: ConnectorSuccess = {}): void {
    if (this.ended) return this.close(result.endTime, 'success');
    if (result.workItem !== undefined) {
      this.span.addEvent(EventName.workItem, workItemAttributes({ system: this.connector, ...result.workItem }), result.endTime);
    }
    this.settle(true, result.costUsd);
    this.close(result.endTime, 'success');
  }

  fail(result: ConnectorFailure): void {
    if (this.ended) return this.close(result.endTime, 'failure');
    const timedOut = result.timedOut === true;
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: result.errorType });
    this.span.setAttributes({ [StageAttr.errorType]: result.errorType, [ConnectorAttr.timedOut]: timedOut });
    this.settle(false, result.costUsd);
    this.runtime.metrics?.error('connector');
    this.close(result.endTime, timedOut ? 'timeout' : 'failure');
  }

  /** The request was abandoned on a timeout: a failure with `error.type=timeout`. */
  timeout(endTime?: TimeInput): void {
    this.fail({ errorType: 'timeout', timedOut: true, endTime });
  }

  override abandon(endTime: TimeInput | undefined): void {
    this.runtime.misuse.report('span_left_open', `connector ${this.connector} still open when its call ended; recorded as failed`);
    this.fail({ errorType: 'left_open', endTime });
  }

  private settle(success: boolean, costUsd: number | undefined): void {
    this.span.setAttributes({ [ConnectorAttr.success]: success, [ConnectorAttr.retries]: this.retries });
    const cost = checkedQuantity(this.runtime, 'costUsd', costUsd);
    if (cost !== undefined) this.span.setAttribute(CostAttr.usd, cost);
  }

  private close(endTime: TimeInput | undefined, outcome: ConnectorOutcome): void {
    const seconds = this.finish(endTime, `connector ${this.connector}`);
    if (seconds === undefined) return;
    this.runtime.metrics?.stage('connector', seconds);
    this.runtime.metrics?.connectorCall(this.connector, outcome);
  }
}
