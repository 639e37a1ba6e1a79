import { pino } from 'pino';
import type { Store } from '../store/store.js';
import type { AssemblerStore } from '../sessions/call-assembler.js';
import { CallAssembler } from '../sessions/call-assembler.js';
import { PriceBooks } from '../cost/price-books.js';
import { IngestPipeline } from './ingest-pipeline.js';

/**
 * Test support: an assembler and a pipeline over `store` with the clock `nowUs`, flushed at once
 * and ticked only by the test, nothing completed before now (as a fresh plane after restore).
 */
export function pipelineOver(
  store: AssemblerStore & Pick<Store, 'appendExports' | 'saveSessions'>,
  nowUs: () => number,
  graceUs: number,
): { assembler: CallAssembler; pipeline: IngestPipeline } {
  const assembler: CallAssembler = new CallAssembler(
    { graceUs, maxCallUs: 3_600e6, lateSpanWindowUs: 3_600e6, maxInFlightCalls: 100, maxRememberedCompleted: 1000 },
    store,
    new PriceBooks([]),
    { settled: () => pipeline.sessionWritesSettled(), isPending: (key) => pipeline.sessionWrites.isPending(key) },
  );
  assembler.restore([], [], nowUs(), nowUs() - 3_600e6);
  const pipeline: IngestPipeline = new IngestPipeline(
    store,
    assembler,
    { maxPendingSpans: 100_000, flushMaxSpans: 10_000, flushIntervalMillis: 0, tickMillis: 1_000_000, graceSeconds: graceUs / 1e6 },
    pino({ level: 'silent' }),
    nowUs,
  );
  return { assembler, pipeline };
}
