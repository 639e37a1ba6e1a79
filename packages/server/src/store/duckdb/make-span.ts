import type { LogRecordEntry, ResourceInfo, SpanRecord } from '../../model/telemetry-records.js';
import { T0_US } from './make-session.js';

/* Test fixtures for raw telemetry (not used by production code). */

let sequence = 0;

export const ENGINE_RESOURCE: ResourceInfo = {
  serviceName: 'voice-engine',
  attributes: { 'service.name': 'voice-engine', 'deployment.environment': 'test', 'host.cores': 2 },
};

export function traceIdOf(n: number): string {
  return n.toString(16).padStart(32, 'a');
}

export function makeSpan(overrides: Partial<SpanRecord> = {}): SpanRecord {
  const n = ++sequence;
  return {
    traceId: traceIdOf(0),
    spanId: n.toString(16).padStart(16, '0'),
    parentSpanId: '',
    name: 'call',
    kind: 1,
    startUs: T0_US,
    endUs: T0_US + 1_000_000,
    statusCode: 0,
    statusMessage: '',
    attributes: {},
    events: [],
    resource: ENGINE_RESOURCE,
    scopeName: '@lumay/sdk',
    ...overrides,
  };
}

export function makeLog(overrides: Partial<LogRecordEntry> = {}): LogRecordEntry {
  return {
    traceId: traceIdOf(0),
    spanId: '',
    timeUs: T0_US,
    severityNumber: 9,
    severityText: 'INFO',
    body: 'hello',
    attributes: {},
    resource: ENGINE_RESOURCE,
    ...overrides,
  };
}
