import type { ExampleCall, InsightCallRow } from './insight-types.js';

/** How many example calls an insight carries; the console links each to its call page. */
export const EXAMPLES_PER_INSIGHT = 8;

export function exampleCall(row: InsightCallRow, note: string): ExampleCall {
  return { callId: row.callId, start: new Date(row.startUs / 1000).toISOString(), outcome: row.outcome, note };
}

/** The latest rows first (the freshest evidence), at most EXAMPLES_PER_INSIGHT. */
export function latestExamples(rows: readonly InsightCallRow[], note: (row: InsightCallRow) => string): ExampleCall[] {
  return rows
    .slice(-EXAMPLES_PER_INSIGHT)
    .reverse()
    .map((row) => exampleCall(row, note(row)));
}
