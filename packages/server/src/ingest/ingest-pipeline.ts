import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { CallSession } from '../model/call-session.js';
import type { LogRecordEntry, SpanRecord } from '../model/telemetry-records.js';
import type { RawExport } from '../model/raw-export.js';
import type { Store, TelemetryGroup } from '../store/store.js';
import type { CallAssembler, DueBatch, PendingSessionWrites, Selection } from '../sessions/call-assembler.js';
import { callKey } from '../sessions/in-flight-call.js';
import { PlaneError } from '../errors/plane-error.js';
import { SerialQueue } from '../concurrency/serial-queue.js';
import { SessionWriter } from './session-writer.js';
import { toExportInputs } from '../store/export-inputs.js';

/** Finished calls that may wait for the writer before finalisation waits too (memory bound). */
const MAX_WAITING_SESSIONS = 5_000;
/** Batches being made durable at once: one committing, one queued behind it at the store. */
const MAX_BATCHES_WRITING = 2;

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
  /** When the export was handed over (µs): its calls' grace periods count from then. */
  receivedUs: number;
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
 * HTTP/gRPC layer acknowledges. Deduplication and taking due calls out of flight run in one serial
 * queue, so neither sees the other half-done; the durable write of one batch overlaps the
 * selection of the next, and batches join their calls in the order they were selected.
 */
export class IngestPipeline extends EventEmitter<PipelineEvents> {
  private queue: Pending[] = [];
  private queuedSpans = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  /** A flush is queued behind the writer and has not started: new exports will be in it. */
  private flushWaiting = false;
  private tickTimer: NodeJS.Timeout | null = null;
  private readonly serial = new SerialQueue();
  /** Batches being written (writeAndAdmit), and the last one selected: admissions follow selection order. */
  private readonly writing = new Set<Promise<void>>();
  private lastAdmitted: Promise<void> = Promise.resolve();
  /** Session builds, one at a time and in order (CallAssembler.buildSessions says why). */
  private readonly builds = new SerialQueue();
  /** Finished calls on their way to the store, in the order they were finalised. */
  private readonly sessionWriter = new SessionWriter(
    (batch) => this.writeSessions(batch),
    (s) => callKey(s.tenantId, s.traceId),
  );
  private stopped = false;

  constructor(
    private readonly store: Pick<Store, 'appendExports' | 'saveSessions'>,
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
      this.queue.push({ group: { tenantId, spans, logs, raw }, receivedUs: this.nowUs(), resolve, reject });
      this.queuedSpans += spans.length;
      if (this.queuedSpans >= this.options.flushMaxSpans) this.scheduleFlush(0);
      else this.scheduleFlush(this.options.flushIntervalMillis);
    });
  }

  get pendingSpans(): number {
    return this.queuedSpans;
  }

  /**
   * Group commit. With a delay (the default, 5 ms) a batch waits that long after its first export
   * for more, so one commit carries every export that arrived meanwhile. With no delay a flush is
   * queued at once unless one is already waiting for the writer: an idle plane adds no latency,
   * but under load two batches are at the store at once and each carries only what arrived during
   * the other's selection, so commits are smaller and more numerous (config.ts has the figures).
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

  /**
   * Writes everything queued so far; resolves once it is durable and its spans have joined their
   * calls. Also called on shutdown.
   *
   * Deduplication runs in the serial queue; the durable write does not: while one batch is being
   * written, the next is selected and handed to the store, whose appends run in order, so the
   * store's commit is the only wait between two batches. At most MAX_BATCHES_WRITING batches are
   * being written; the next flush waits, and meanwhile more exports gather into it.
   */
  flush(): Promise<void> {
    return this.serial
      .run(async () => {
        while (this.writing.size >= MAX_BATCHES_WRITING) await Promise.race(this.writing);
        this.flushWaiting = false;
        const batch = this.queue;
        if (batch.length === 0) return null;
        this.queue = [];
        let selection: Selection;
        try {
          selection = await this.assembler.select(batch.map((p) => p.group));
        } catch (error) {
          this.settle(batch, error);
          return null;
        }
        const written = this.writeAndAdmit(batch, selection, this.lastAdmitted);
        this.lastAdmitted = written;
        this.writing.add(written);
        void written.then(() => this.writing.delete(written));
        // Wrapped: returning the promise itself would hold the serial queue until it settles.
        return { written };
      })
      .then(async (flushed) => await flushed?.written);
  }

  /**
   * The durable write of one selected batch, then (after every batch selected before it) its
   * admission into calls and the acknowledgement of its exports. Never rejects. An export that
   * left spans out because an earlier batch had them, when that batch failed, is refused (503)
   * although its own spans joined: its sender retries, and the retry keeps only what is missing.
   */
  private async writeAndAdmit(batch: Pending[], selection: Selection, previous: Promise<void>): Promise<void> {
    try {
      const started = performance.now();
      await this.store.appendExports(toExportInputs(selection.groups));
      this.options.observeWrite?.('append', (performance.now() - started) / 1000);
    } catch (error) {
      await previous;
      this.assembler.discard(selection);
      this.settle(batch, error);
      return;
    }
    await previous;
    this.assembler.admit(
      selection,
      this.nowUs(),
      batch.map((p) => p.receivedUs),
    );
    // Duplicates are counted per submission so each exporter learns what it re-sent.
    for (let i = 0; i < batch.length; i++) {
      if (selection.lostGroups.has(i)) {
        batch[i].reject(PlaneError.unavailable('part of this export came in another that could not be written; retry', 1));
        continue;
      }
      const sent = batch[i].group.spans.length;
      const kept = selection.groups[i].spans.length;
      batch[i].resolve({ accepted: kept, duplicates: sent - kept });
    }
    this.settle(batch, null);
  }

  /** Gives the batch's spans back to the queue budget; with an error, fails its exports. */
  private settle(batch: Pending[], error: unknown): void {
    if (error !== null) {
      const failure = error instanceof PlaneError ? error : PlaneError.unavailable('the store could not write the batch', 2);
      if (!(error instanceof PlaneError)) this.logger.error({ err: error }, 'durable write failed');
      for (const p of batch) p.reject(failure);
    }
    for (const p of batch) this.queuedSpans -= p.group.spans.length;
  }

  /**
   * Finalises due calls. Taking them out of flight runs in the serial queue with the flushes, and
   * takes no longer than popping their deadlines; building their sessions (the CPU-heavy part)
   * runs outside it, in a queue of its own, so flushes go on meanwhile; writing them runs on the
   * store's writer while the next flushes append raw telemetry on their own connection. At most
   * MAX_WAITING_SESSIONS sessions wait to be written; past that, finalisation waits until the
   * writer takes them, and with it the flushes (back-pressure, not unbounded memory: at most one
   * write's sessions plus MAX_WAITING_SESSIONS). Waiting for the writer to be idle instead held
   * ingest for two writes, often a second or more with nothing acknowledged under overload.
   * Before that, calls in progress pack their waiting spans (CallAssembler.packCallsInProgress),
   * in the builds' queue: both are long CPU runs of the same thread. Resolves once this tick's
   * sessions are written. Exposed for tests that drive time themselves.
   */
  async tick(): Promise<void> {
    await this.builds.run(() => this.assembler.packCallsInProgress(this.nowUs()));
    const due = await this.serial.run(async () => {
      if (this.sessionWriter.backlog >= MAX_WAITING_SESSIONS) await this.sessionWriter.taken();
      const calls = this.assembler.takeDue(this.nowUs());
      return calls.length > 0 ? calls : null;
    });
    if (!due) return;
    const handedOver = await this.builds.run(async () => {
      try {
        return { written: this.sessionWriter.submit(await this.assembler.buildSessions(due, this.nowUs())) };
      } catch (error) {
        // The calls went back in flight (buildSessions); their raw spans are durable. Keep serving.
        this.logger.error({ err: error }, 'finalising calls failed');
        return null;
      }
    });
    await handedOver?.written;
  }

  private async writeSessions(batch: DueBatch): Promise<void> {
    if (batch.sessions.length === 0) return;
    const started = performance.now();
    try {
      // The assembler looked up the stored revision wherever one may exist (takeDue).
      await this.store.saveSessions(batch.sessions, { exactRevisions: true });
    } catch (error) {
      this.logger.error({ err: error }, 'writing sessions failed; the calls are finalised again after the grace period');
      // Synchronous, so it cannot interleave with a flush's own synchronous steps; not through
      // the serial queue, where a tick may be waiting for this very write (back-pressure).
      this.assembler.writeFailed(batch, this.nowUs());
      return;
    }
    this.options.observeWrite?.('sessions', (performance.now() - started) / 1000);
    this.emit('sessions', batch.sessions);
  }

  /** Resolves once every call finalised so far has its session written (or its failure handled). */
  async sessionWritesSettled(): Promise<void> {
    await this.builds.idle();
    await this.sessionWriter.idle();
  }

  /** The assembler's view of the session writes (a session being written is as good as stored). */
  get sessionWrites(): PendingSessionWrites {
    return { settled: () => this.sessionWriter.idle(), isPending: (key) => this.sessionWriter.isPending(key) };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flush();
    await this.serial.idle();
    await this.lastAdmitted;
    await this.sessionWritesSettled();
  }
}
