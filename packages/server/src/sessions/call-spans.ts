import type { Stage } from '@lumay/conventions';
import type { SpanRecord } from '../model/telemetry-records.js';
import { stageOfSpan } from './stage-of-span.js';

/** A call's spans, ordered and classified once, for every later step of building its session. */
export interface CallSpans {
  /**
   * The root first, then the other spans by start time (ties by span id). Spans arrive in any order
   * and a call may be rebuilt from storage, so every "first span with X" is taken in this order to
   * make the session the same however the spans arrived.
   */
  ordered: SpanRecord[];
  /** The span without a parent (the earliest if several); the earliest span when none has arrived. */
  root: SpanRecord | null;
  /** True when some span has no parent, i.e. the call's root span arrived. */
  hasRoot: boolean;
  /** Stage of each span of `ordered`. */
  stages: (Stage | null)[];
  /** Not nested inside a span of its own stage: the spans whose time stage latency counts. */
  outermost: boolean[];
  /** No span of its own stage nested inside it: for connectors, the spans that are one call each. */
  innermost: boolean[];
}

function byStart(a: SpanRecord, b: SpanRecord): number {
  return a.startUs - b.startUs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
}

export function indexCallSpans(spans: readonly SpanRecord[]): CallSpans {
  const sorted = [...spans].sort(byStart);
  const firstRoot = sorted.find((s) => s.parentSpanId === '');
  const root = firstRoot ?? sorted[0] ?? null;
  const ordered = root ? [root, ...sorted.filter((s) => s !== root)] : sorted;
  const stages = ordered.map(stageOfSpan);
  const { outermost, innermost } = nestingOfStages(ordered, stages);
  return { ordered, root, hasRoot: firstRoot !== undefined, stages, outermost, innermost };
}

/**
 * Marks spans nested in (or wrapping) a span of the same stage. Instrumentations nest: a
 * `lumay.stage=llm` span around an auto-instrumented `chat` span, a LiveKit `function_tool` around
 * an SDK connector span. Counting both would double the stage's time; for connector calls the inner
 * span is the real request (and names the real system).
 */
function nestingOfStages(spans: SpanRecord[], stages: (Stage | null)[]): { outermost: boolean[]; innermost: boolean[] } {
  const indexById = new Map<string, number>();
  spans.forEach((span, i) => indexById.set(span.spanId, i));
  const outermost = stages.map(() => true);
  const innermost = stages.map(() => true);
  for (let i = 0; i < spans.length; i++) {
    const stage = stages[i];
    if (stage === null) continue;
    // Bounded walk: a sender can make parent ids loop, which must not hang the assembler.
    let parent = indexById.get(spans[i].parentSpanId);
    for (let steps = 0; parent !== undefined && steps < spans.length; steps++) {
      if (stages[parent] === stage) {
        outermost[i] = false;
        innermost[parent] = false;
      }
      parent = indexById.get(spans[parent].parentSpanId);
    }
  }
  return { outermost, innermost };
}
