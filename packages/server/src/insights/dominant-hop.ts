import { STAGES, type Stage } from '@lumay/conventions';
import type { InsightCallRow, ExampleCall } from './insight-types.js';
import { EXAMPLES_PER_INSIGHT, exampleCall } from './example-calls.js';

export interface HopShare {
  stage: Stage;
  totalMs: number;
  /** Share of all hop time in the window. */
  share: number;
  /** Calls whose bottleneck (largest hop) was this stage. */
  bottleneckCalls: number;
}

export interface DominantHop {
  /** Every hop, largest total time first. */
  hops: HopShare[];
  /** The hop with the largest total time; null without timed calls. */
  dominant: Stage | null;
  /** Calls where the dominant hop took longest, slowest first. */
  examples: ExampleCall[];
}

/** Which hop (telephony, STT, LLM, connector, TTS, transfer) the window's latency is spent in. */
export function dominantHop(rows: readonly InsightCallRow[]): DominantHop {
  const totals = new Map<Stage, number>();
  const bottlenecks = new Map<Stage, number>();
  for (const row of rows) {
    for (const stage of STAGES) totals.set(stage, (totals.get(stage) ?? 0) + (row.stageMs[stage] ?? 0));
    if (row.bottleneckStage) bottlenecks.set(row.bottleneckStage, (bottlenecks.get(row.bottleneckStage) ?? 0) + 1);
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const hops = STAGES.map((stage) => ({
    stage,
    totalMs: totals.get(stage) ?? 0,
    share: all > 0 ? (totals.get(stage) ?? 0) / all : 0,
    bottleneckCalls: bottlenecks.get(stage) ?? 0,
  }))
    .filter((h) => h.totalMs > 0)
    .sort((a, b) => b.totalMs - a.totalMs);
  const dominant = hops[0]?.stage ?? null;
  const examples =
    dominant === null
      ? []
      : rows
          .filter((r) => (r.stageMs[dominant] ?? 0) > 0)
          .sort((a, b) => (b.stageMs[dominant] ?? 0) - (a.stageMs[dominant] ?? 0))
          .slice(0, EXAMPLES_PER_INSIGHT)
          .map((r) =>
            exampleCall(r, `${dominant} ${Math.round(r.stageMs[dominant] ?? 0)} ms of ${Math.round(r.durationMs)} ms`),
          );
  return { hops, dominant, examples };
}
