import type { CallSession } from '../model/call-session.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { stageOfSpan } from '../sessions/stage-of-span.js';

export interface WaterfallRow {
  spanId: string;
  parentSpanId: string;
  name: string;
  stage: string | null;
  depth: number;
  /** Milliseconds from the call's start. */
  offsetMs: number;
  durationMs: number;
  status: 'unset' | 'ok' | 'error';
  statusMessage: string;
  serviceName: string;
  attributes: SpanRecord['attributes'];
  events: { name: string; offsetMs: number; attributes: SpanRecord['attributes'] }[];
  /** The slowest span of the call's bottleneck stage: the hop to look at first. */
  bottleneck: boolean;
}

const STATUS = ['unset', 'ok', 'error'] as const;

/** The call's spans as a waterfall: depth-first in start order, times relative to the call start. */
export function toWaterfall(session: CallSession, spans: SpanRecord[]): WaterfallRow[] {
  const byParent = new Map<string, SpanRecord[]>();
  const ids = new Set(spans.map((s) => s.spanId));
  for (const span of spans) {
    // A span whose parent never arrived is shown at the top level rather than dropped.
    const parent = ids.has(span.parentSpanId) ? span.parentSpanId : '';
    const list = byParent.get(parent) ?? [];
    list.push(span);
    byParent.set(parent, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.startUs - b.startUs || a.spanId.localeCompare(b.spanId));

  let slowest: SpanRecord | null = null;
  for (const span of spans) {
    if (session.bottleneckStage === null || stageOfSpan(span) !== session.bottleneckStage) continue;
    if (!slowest || span.endUs - span.startUs > slowest.endUs - slowest.startUs) slowest = span;
  }

  const rows: WaterfallRow[] = [];
  const visit = (parent: string, depth: number): void => {
    for (const span of byParent.get(parent) ?? []) {
      rows.push({
        spanId: span.spanId,
        parentSpanId: span.parentSpanId,
        name: span.name,
        stage: stageOfSpan(span),
        depth,
        offsetMs: (span.startUs - session.startUs) / 1000,
        durationMs: (span.endUs - span.startUs) / 1000,
        status: STATUS[span.statusCode] ?? 'unset',
        statusMessage: span.statusMessage,
        serviceName: span.resource.serviceName,
        attributes: span.attributes,
        events: span.events.map((e) => ({
          name: e.name,
          offsetMs: (e.timeUs - session.startUs) / 1000,
          attributes: e.attributes,
        })),
        bottleneck: span === slowest,
      });
      visit(span.spanId, depth + 1);
    }
  };
  visit('', 0);
  return rows;
}
