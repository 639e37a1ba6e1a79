import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { PlaneConfig } from '../config.js';
import type { PriceBooks } from '../cost/price-books.js';
import type { PriceBookVersion } from '../cost/price-book.js';
import type { LiveCall } from '../sessions/in-flight-call.js';
import { CallAssembler } from '../sessions/call-assembler.js';
import { IngestPipeline } from './ingest-pipeline.js';
import type { OtlpFormat, OtlpSignal } from './otlp-format.js';
import { otlpFormats } from './otlp-formats.js';
import { storedExport } from './otlp/telemetry-codec.js';
import type { ExportResult, IngestEvents, IngestStatus, IngestStore, PlaneIngest } from './plane-ingest.js';

/** The settings ingest reads from the plane's configuration. */
export type IngestConfig = Pick<
  PlaneConfig,
  | 'graceSeconds'
  | 'maxCallSeconds'
  | 'lateSpanWindowSeconds'
  | 'maxInFlightCalls'
  | 'maxPendingSpans'
  | 'flushMaxSpans'
  | 'flushIntervalMillis'
>;

export type ObserveWrite = (operation: 'append' | 'sessions', seconds: number) => void;

/** What the thread running ingest adds to the configuration. */
export interface IngestHooks {
  /** Told how long each durable write took. */
  observeWrite?: ObserveWrite;
  /** Whether this thread's heap is too full to take new calls (exports opening one get 429). */
  memoryFull?: () => boolean;
  nowUs?: () => number;
}

const FORMATS = otlpFormats();

/**
 * Ingest on the calling thread: decoding, the group-commit pipeline and the call assembler. The
 * worker thread runs one of these (ingest-worker-main.ts); tests and LUMAY_INGEST_WORKER=false
 * run it on the main thread.
 */
export class LocalIngest extends EventEmitter<IngestEvents> implements PlaneIngest {
  private constructor(
    private readonly assembler: CallAssembler,
    private readonly pipeline: IngestPipeline,
    private readonly priceBooks: PriceBooks,
  ) {
    super();
    pipeline.on('sessions', (sessions) => this.emit('sessions', sessions));
  }

  /**
   * Restores the calls that were in flight at the last stop (their spans were acknowledged, so
   * they are durable) and the recent completions, then starts finalising.
   */
  static async open(
    store: IngestStore,
    priceBooks: PriceBooks,
    config: Readonly<IngestConfig>,
    logger: Logger,
    { observeWrite, memoryFull, nowUs = () => Date.now() * 1000 }: IngestHooks = {},
  ): Promise<LocalIngest> {
    const assembler: CallAssembler = new CallAssembler(
      {
        graceUs: config.graceSeconds * 1e6,
        maxCallUs: config.maxCallSeconds * 1e6,
        lateSpanWindowUs: config.lateSpanWindowSeconds * 1e6,
        maxInFlightCalls: config.maxInFlightCalls,
        // Exact routing of late spans (deduplicated against the stored ones) for the most recent
        // completions, ~125 bytes each; older ones are known to the Bloom filter of finished calls,
        // which costs 4 bytes each (a million entries here would hold 126 MB of heap, measured).
        maxRememberedCompleted: 100_000,
        memoryFull,
      },
      store,
      priceBooks,
      // Read lazily: the pipeline, which writes the sessions, is made below.
      {
        settled: (): Promise<void> => pipeline.sessionWrites.settled(),
        isPending: (key: string): boolean => pipeline.sessionWrites.isPending(key),
      },
    );
    const restoredAt = nowUs();
    const open = await store.loadOpenTraces(restoredAt - config.maxCallSeconds * 1e6);
    const completedSince = restoredAt - assembler.finishedHorizonUs;
    assembler.restore(open, await store.recentCompletedTraces(completedSince), restoredAt, completedSince);
    if (open.length > 0) logger.info({ spans: open.length, calls: assembler.inFlightCount }, 'restored calls in flight');

    const pipeline: IngestPipeline = new IngestPipeline(
      store,
      assembler,
      {
        maxPendingSpans: config.maxPendingSpans,
        flushMaxSpans: config.flushMaxSpans,
        flushIntervalMillis: config.flushIntervalMillis,
        // A tick that finds nothing due costs a peek at two queues, and the session writer merges
        // what several ticks finalise, so ticking often costs no extra writes; it takes up to a tick
        // off the time from a call's end to its KPIs.
        tickMillis: Math.min(100, Math.max(20, config.graceSeconds * 100)),
        graceSeconds: config.graceSeconds,
        observeWrite,
      },
      logger,
      nowUs,
    );
    pipeline.start();
    return new LocalIngest(assembler, pipeline, priceBooks);
  }

  async export(tenantId: string, signal: OtlpSignal, encoding: OtlpFormat['name'], body: Uint8Array, gzipped?: Uint8Array): Promise<ExportResult> {
    const format = FORMATS[encoding];
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (signal === 'traces') {
      const batch = format.decodeTraces(bytes);
      const result = await this.pipeline.submit(tenantId, batch.records, [], storedExport(encoding, bytes, gzipped));
      return { ...result, rejected: batch.rejected, errors: batch.errors };
    }
    const batch = format.decodeLogs(bytes);
    const result = await this.pipeline.submit(tenantId, [], batch.records, storedExport(encoding, bytes, gzipped));
    return { accepted: result.accepted, duplicates: 0, rejected: batch.rejected, errors: batch.errors };
  }

  liveCalls(tenantId: string, limit: number): Promise<LiveCall[]> {
    return Promise.resolve(this.assembler.liveCalls(tenantId, limit));
  }

  status(): IngestStatus {
    return {
      inFlight: this.assembler.inFlightCount,
      inFlightByTenant: this.assembler.inFlightByTenant(),
      pendingSpans: this.pipeline.pendingSpans,
      notCallTraces: this.assembler.notCallTraces,
      workerHeapBytes: null,
    };
  }

  priceBookChanged(version: PriceBookVersion): void {
    this.priceBooks.put(version);
  }

  flush(): Promise<void> {
    return this.pipeline.flush();
  }

  tick(): Promise<void> {
    return this.pipeline.tick();
  }

  sessionWritesSettled(): Promise<void> {
    return this.pipeline.sessionWritesSettled();
  }

  stop(): Promise<void> {
    return this.pipeline.stop();
  }
}
