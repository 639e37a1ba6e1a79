import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { CallSession } from '../model/call-session.js';
import type { LogRecordEntry, SpanRecord } from '../model/telemetry-records.js';
import type { RawExport } from '../model/raw-export.js';
import type { Store, TelemetryGroup } from '../store/store.js';
import type { CallAssembler } from '../sessions/call-assembler.js';
import { PlaneError } from '../errors/plane-error.js';
import { SerialQueue } from '../concurrency/serial-queue.js';

export interface PipelineOptions {
  maxPendingSpans: number;
  flushMaxSpans: number;
  flushIntervalMillis: number;
  /** How often due calls are finalised. */
  tickMillis: number;
  graceSeconds: number;
  /** Told how long each durable write took. */
  observeWrite?: (operation: 'append' | 'sessions', seconds: number) => void;
}

export interface SubmitResult {
  accepted: number;
  duplicates: number;
}

interface Pending {
  group: TelemetryGroup;
  resolve: (result: SubmitResult) => void;
  reject: (error: unknown) => void;
}

export interface PipelineEvents {
  /** Sessions just written (first version or amendment). */
  sessions: [CallSession[]];
}

/**
 * Turns decoded exports into durable data and finished calls.
 *
 * Group commit: submissions queue up and are written together, so one DuckDB commit (and fsync)
 * covers many exports; each submit() resolves only after its spans are durable, which is when the
 * HTTP/gRPC layer acknowledges. Deduplication, the write and the hand-over to the assembler run in
 * one serial queue with finalisation, so no step sees another half-done.
 */
export class IngestPipeline extends EventEmitter<PipelineEvents> {
  private queue: Pending[] = [];
  private queuedSpans = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  /** A flush is queued behind the writer and has not started: new exports will be in it. */
  private flushWaiting = false;
  private tickTimer: NodeJS.Timeout | null = null;
  private readonly serial = new SerialQueue();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly assembler: CallAssembler,
    private readonly options: PipelineOptions,
    private readonly logger: Logger,
    private readonly nowUs: () => number = () => Date.now() * 1000,
  ) {
    super();
  }

  start(): void {
    this.tickTimer = setInterval(() => void this.tick(), this.options.tickMillis);
    this.tickTimer.unref();
  }

  /** Resolves once the spans and logs are durable; rejects with 503 when the plane is saturated. */
  submit(tenantId: string, spans: SpanRecord[], logs: LogRecordEntry[], raw?: RawExport): Promise<SubmitResult> {
    if (this.stopped) return Promise.reject(PlaneError.unavailable('the plane is shutting down', 5));
    if (spans.length === 0 && logs.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
    if (this.queuedSpans + spans.length > this.options.maxPendingSpans && this.queuedSpans > 0) {
      return Promise.reject(
        PlaneError.unavailable(
          `ingest queue full (${this.queuedSpans} spans waiting to be written); retry after the indicated delay`,
          1,
        ),
      );
    }
    return new Promise<SubmitResult>((resolve, reject) => {
      this.queue.push({ group: { tenantId, spans, logs, raw }, resolve, reject });
      this.queuedSpans += spans.length;
      if (this.queuedSpans >= this.options.flushMaxSpans) this.scheduleFlush(0);
      else this.scheduleFlush(this.options.flushIntervalMillis);
    });
  }

  get pendingSpans(): number {
    return this.queuedSpans;
  }

  /**
   * Group commit. With no delay (the default) a flush is queued at once unless one is already
   * waiting for the writer: exports that arrive while a write runs gather and go in the next one,
   * so batches grow with the load and an idle plane adds no latency. A delay (> 0) waits that long
   * for more exports first.
   */
  private scheduleFlush(delayMillis: number): void {
    if (delayMillis <= 0) {
      if (this.flushWaiting) return;
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.flushTimer = null;
      this.flushWaiting = true;
      void this.flush();
      return;
    }
    if (this.flushTimer || this.flushWaiting) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, delayMillis);
  }

  /** Writes everything queued so far. Also called on shutdown. */
  flush(): Promise<void> {
    return this.serial.run(async () => {
      this.flushWaiting = false;
      const batch = this.queue;
      if (batch.length === 0) return;
      this.queue = [];
      try {
        const selection = await this.assembler.select(batch.map((p) => p.group));
        const started = performance.now();
        await this.store.appendTelemetry(selection.groups);
        this.options.observeWrite?.('append', (performance.now() - started) / 1000);
        this.assembler.admit(selection.groups, this.nowUs());
        // Duplicates are counted per submission so each exporter learns what it re-sent.
        for (let i = 0; i < batch.length; i++) {
          const sent = batch[i].group.spans.length;
          const kept = selection.groups[i].spans.length;
          batch[i].resolve({ accepted: kept, duplicates: sent - kept });
        }
      } catch (error) {
        const failure =
          error instanceof PlaneError ? error : PlaneError.unavailable('the store could not write the batch', 2);
        if (!(error instanceof PlaneError)) this.logger.error({ err: error }, 'durable write failed');
        for (const p of batch) p.reject(failure);
      } finally {
        for (const p of batch) this.queuedSpans -= p.group.spans.length;
      }
    });
  }

  /** Finalises due calls. Exposed for tests that drive time themselves. */
  tick(): Promise<void> {
    return this.serial.run(async () => {
      try {
        const started = performance.now();
        const sessions = await this.assembler.finalizeDue(this.nowUs());
        if (sessions.length > 0) this.options.observeWrite?.('sessions', (performance.now() - started) / 1000);
        if (sessions.length > 0) this.emit('sessions', sessions);
      } catch (error) {
        // The calls stay in their raw spans and are restored at the next start; keep serving.
        this.logger.error({ err: error }, 'finalising calls failed');
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flush();
    await this.serial.idle();
  }
}
