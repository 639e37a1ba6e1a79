import { STAGES, type Stage } from '@lumay/conventions';
import type { StageLatency } from '../model/call-session.js';
import type { CallSpans } from './call-spans.js';

export interface StageSummary {
  stages: Partial<Record<Stage, StageLatency>>;
  bottleneckStage: Stage | null;
}

/**
 * Count, summed and largest duration per stage, over the outermost span of each stage (see
 * CallSpans.outermost). The bottleneck is the stage with the largest summed time; on a tie the one
 * earlier in the pipeline (STAGES order) wins, so the answer does not depend on span order.
 */
export function summarizeStages(call: CallSpans): StageSummary {
  const totals = new Map<Stage, { count: number; totalUs: number; maxUs: number }>();
  call.ordered.forEach((span, i) => {
    const stage = call.stages[i];
    if (stage === null || !call.outermost[i]) return;
    // A span with an end before its start (clock skew between processes) lasted no time.
    const us = Math.max(0, span.endUs - span.startUs);
    const entry = totals.get(stage) ?? { count: 0, totalUs: 0, maxUs: 0 };
    entry.count++;
    entry.totalUs += us;
    entry.maxUs = Math.max(entry.maxUs, us);
    totals.set(stage, entry);
  });

  const stages: Partial<Record<Stage, StageLatency>> = {};
  let bottleneckStage: Stage | null = null;
  let bottleneckUs = -1;
  for (const stage of STAGES) {
    const entry = totals.get(stage);
    if (!entry) continue;
    // Sums stay in whole microseconds until here, so milliseconds are exact to the microsecond.
    stages[stage] = { count: entry.count, totalMs: entry.totalUs / 1000, maxMs: entry.maxUs / 1000 };
    if (entry.totalUs > bottleneckUs) {
      bottleneckUs = entry.totalUs;
      bottleneckStage = stage;
    }
  }
  return { stages, bottleneckStage };
}
