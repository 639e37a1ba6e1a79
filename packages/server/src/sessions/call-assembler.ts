import type { CallSession } from '../model/call-session.js';
import type { LogRecordEntry, SpanRecord } from '../model/telemetry-records.js';
import type { PriceBooks } from '../cost/price-books.js';
import type { Store, StoredSpan, TelemetryGroup } from '../store/store.js';
import { PlaneError } from '../errors/plane-error.js';
import { buildSession } from './build-session.js';
import { FifoQueue } from './fifo-queue.js';
import { callKey, earliestStartOfCall, spansOfCall, type InFlightCall, type LiveCall } from './in-flight-call.js';
import { NO_EVENTS } from './packed-spans.js';
import { PackSchedule } from './pack-schedule.js';
import { callerLineOf } from './caller-lines.js';
import { isCallTrace } from './is-call-trace.js';
import { CompletedCalls } from './completed-calls.js';
import { PendingSelections, type Selection } from './pending-selections.js';
import { WaitingCallerLines } from './waiting-caller-lines.js';
import { liveCallsOf } from './live-calls.js';
import { SpanIdSet } from './span-id-set.js';
import { TimeSlices } from '../concurrency/time-slices.js';

export interface AssemblerOptions {
  graceUs: number;
  maxCallUs: number;
  lateSpanWindowUs: number;
  maxInFlightCalls: number;
  /**
   * Upper bound on completed calls remembered for late-span routing (memory bound). A call
   * forgotten here is still known to the filter of finished calls: its late spans make it an
   * amendment when it is finalised again (CompletedCalls.mayBeStored), only without
   * deduplication on arrival.
   */
  maxRememberedCompleted: number;
  /**
   * Whether the heap holding the calls is too full to take new ones (the ingest worker's, after
   * its last full collection): exports that would open a call get 429, as past maxInFlightCalls,
   * so a burst of long calls slows senders down instead of running the thread out of memory.
   */
  memoryFull?: () => boolean;
}

export type AssemblerStore = Pick<Store, 'saveSessions' | 'spansOfTrace' | 'sessionOfTrace' | 'logsOfTrace' | 'storedTraces'>;

/** What the assembler needs to know of session writes it does not wait for. */
export interface PendingSessionWrites {
  /** Resolves once every session handed over so far is written. */
  settled(): Promise<void>;
  /** Whether a session of this call key is handed over and not yet written. */
  isPending(key: string): boolean;
}

const NO_PENDING_WRITES: PendingSessionWrites = { settled: () => Promise.resolve(), isPending: () => false };

/** Calls takeDue took out of flight, and whether their root arrived (false: expired without one). */
export type DueCalls = { call: InFlightCall; complete: boolean }[];

/** Calls taken out of flight and the sessions built from them. */
export interface DueBatch {
  sessions: CallSession[];
  calls: InFlightCall[];
}

/**
 * Session building yields to the event loop after this long. Builds share the worker with the
 * decoding of arriving exports, which every sender in the same group commit waits for: 1 ms made
 * 3–5% more spans/s than 3 ms (alternating 15 s runs, docs/performance.md).
 */
const BUILD_SLICE_MILLIS = 1;

/** Caller lines held for calls none of whose spans has arrived yet (logs often come first). */
const MAX_PENDING_LINE_CALLS = 50_000;

interface Deadline {
  key: string;
  dueUs: number;
}

export type { Selection };

/**
 * Groups spans by trace into calls and decides when a call is final.
 *
 * Contract with the ingest pipeline, which calls select and takeDue under one lock:
 *   select(groups) → the spans not seen before, in flight or in a selection not yet admitted
 *   (retries are idempotent on (trace id, span id)); the pipeline makes them durable, then
 *   admit(selection) → they join their calls, in the order they were selected (or discard(selection)
 *   when the write failed);
 *   takeDue(now) → calls whose root arrived ≥ grace ago (or that expired) leave flight;
 *   buildSessions(calls) → their sessions, which the pipeline writes (finalizeDue does both and writes).
 * Spans of a call that completed recently reopen it as an amendment: the rebuilt session
 * replaces the stored one (revision + 1), so nothing is counted twice.
 */
export class CallAssembler {
  private readonly inFlight = new Map<string, InFlightCall>();
  private readonly rootDeadlines = new FifoQueue<Deadline>();
  private readonly expiryDeadlines = new FifoQueue<Deadline>();
  private readonly packing = new PackSchedule();
  private readonly pendingSelections = new PendingSelections();
  private readonly waitingLines = new WaitingCallerLines(MAX_PENDING_LINE_CALLS);
  private readonly completed: CompletedCalls;

  constructor(
    private readonly options: AssemblerOptions,
    private readonly store: AssemblerStore,
    private readonly priceBooks: PriceBooks,
    /** Sessions handed to the store and not yet written (the pipeline writes them beside ingest). */
    private readonly writes: PendingSessionWrites = NO_PENDING_WRITES,
  ) {
    this.completed = new CompletedCalls(options.lateSpanWindowUs, options.maxRememberedCompleted);
  }

  /** How far back restore() must load completions for the filter of finalised calls to cover them. */
  get finishedHorizonUs(): number {
    return this.completed.horizonUs;
  }

  /** Traces finished without being calls (no call attribute, no speech stage), since start. */
  notCallTraces = 0;

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  async select(groups: TelemetryGroup[]): Promise<Selection> {
    let duplicates = 0;
    let newCalls = 0;
    const seenInBatch = new Set<string>();
    const newKeys = new Set<string>();
    const lateByKey = new Map<string, Set<string>>();
    const out: TelemetryGroup[] = [];
    const deferred = new Map<string, number>();
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const spans: SpanRecord[] = [];
      // A call's spans mostly come one after another: its key and state are looked up once a run.
      let traceId: string | null = null;
      let key = '';
      let call: InFlightCall | undefined;
      for (const span of group.spans) {
        if (span.traceId !== traceId) {
          traceId = span.traceId;
          key = callKey(group.tenantId, traceId);
          call = this.inFlight.get(key);
        }
        const spanKey = `${key}\u0000${span.spanId}`;
        if (seenInBatch.has(spanKey) || call?.spanIds.has(span.spanId)) {
          duplicates++;
          continue;
        }
        if (this.pendingSelections.has(spanKey)) {
          deferred.set(spanKey, g);
          duplicates++;
          continue;
        }
        seenInBatch.add(spanKey);
        if (!call) {
          // A completed call, remembered exactly or (past the map's bound) by the filter: its
          // stored spans decide what is a duplicate and seed the reopened call.
          if (this.completed.mayHaveCompleted(key)) {
            if (!lateByKey.has(key)) lateByKey.set(key, new Set());
          } else if (!newKeys.has(key)) {
            newKeys.add(key);
            newCalls++;
          }
        }
        spans.push(span);
      }
      out.push({ tenantId: group.tenantId, spans, logs: group.logs, raw: group.raw });
    }
    if (newCalls > 0) this.refuseNewCallsWhenFull(newCalls);
    const reopened = new Map<string, SpanRecord[]>();
    const selection = (selected: TelemetryGroup[]): Selection => {
      const made = { groups: selected, duplicates, spanKeys: seenInBatch, reopened, deferred, lostGroups: new Set<number>() };
      this.pendingSelections.add(made);
      return made;
    };
    if (lateByKey.size === 0) return selection(out);

    // Late spans of completed calls: the stored spans decide what is a duplicate (a retry after
    // completion) and seed the reopened call. This is the rare path, one query per late call.
    for (const key of lateByKey.keys()) {
      const [tenantId, traceId] = key.split('\u0000') as [string, string];
      const stored = await this.store.spansOfTrace(tenantId, traceId);
      reopened.set(key, stored);
      lateByKey.set(key, new Set(stored.map((s) => s.spanId)));
    }
    const filtered = out.map((group) => {
      const spans = group.spans.filter((span) => {
        const storedIds = lateByKey.get(callKey(group.tenantId, span.traceId));
        if (storedIds?.has(span.spanId)) {
          duplicates++;
          return false;
        }
        return true;
      });
      return { tenantId: group.tenantId, spans, logs: group.logs, raw: group.raw };
    });
    return selection(filtered);
  }

  /**
   * Adds a durable selection's spans to their calls, and the caller's transcript lines. `nowUs`
   * is wall-clock time; `receivedUs[i]`, when given, is when group i reached the plane: a call's
   * grace period counts from then, not from the end of the durable write it waited for.
   */
  admit(selection: Selection, nowUs: number, receivedUs?: readonly number[]): void {
    this.pendingSelections.admitted(selection);
    const groups = selection.groups;
    for (let i = 0; i < groups.length; i++) {
      const arrivedUs = Math.min(nowUs, receivedUs?.[i] ?? nowUs);
      const tenantId = groups[i].tenantId;
      // As in select: the key and the call once per run of a call's spans.
      let key = '';
      let call: InFlightCall | undefined;
      for (const span of groups[i].spans) {
        if (call?.traceId !== span.traceId) {
          key = callKey(tenantId, span.traceId);
          call = undefined;
        }
        call = this.addSpan(tenantId, key, span, arrivedUs, selection.reopened, call);
      }
    }
    for (const group of groups) {
      for (const log of group.logs) this.addCallerLine(group.tenantId, log);
    }
  }

  /** 429 for a selection that would open `newCalls` calls past the count or memory the plane holds. */
  private refuseNewCallsWhenFull(newCalls: number): void {
    const held = this.inFlight.size;
    const reason =
      held + newCalls > this.options.maxInFlightCalls
        ? `too many calls in flight (${held} of ${this.options.maxInFlightCalls})`
        : this.options.memoryFull?.()
          ? `the calls in flight (${held}) fill ingest's memory`
          : null;
    if (reason) throw PlaneError.overloaded(`${reason}; retry later`, Math.max(1, Math.ceil(this.options.graceUs / 1e6)));
  }

  /**
   * A selection that was not made durable: its spans may come again (the sender retries). The
   * selections that left spans out because this one had them learn which of their groups lost
   * them (Selection.lostGroups).
   */
  discard(selection: Selection): void {
    this.pendingSelections.discarded(selection);
  }

  /**
   * A caller line joins its call in flight, or waits for the call's first span (bounded: the
   * oldest waiting call's lines are dropped first). Lines of a completed call are stored with the
   * logs but do not change its sentiment until late spans rebuild it.
   */
  private addCallerLine(tenantId: string, log: LogRecordEntry): void {
    const line = callerLineOf(log);
    if (!line) return;
    const key = callKey(tenantId, log.traceId);
    const call = this.inFlight.get(key);
    if (call) {
      call.callerLines.push(line);
      return;
    }
    if (!this.completed.has(key)) this.waitingLines.add(key, line);
  }

  /**
   * Re-creates the calls in flight at the last stop from durable spans (they were acknowledged),
   * and remembers the calls completed since `completedSinceUs` (at least finishedHorizonUs ago).
   */
  restore(open: StoredSpan[], completed: { tenantId: string; traceId: string }[], nowUs: number, completedSinceUs: number): void {
    this.completed.restore(
      completed.map((c) => callKey(c.tenantId, c.traceId)),
      nowUs,
      completedSinceUs,
    );
    for (const span of open) {
      const key = callKey(span.tenantId, span.traceId);
      if (this.inFlight.get(key)?.spanIds.has(span.spanId)) continue;
      this.addSpan(span.tenantId, key, span, nowUs);
    }
  }

  /** Adds a span to its call (`key`), returned; `known`, when given, is that call (the previous span's). */
  private addSpan(
    tenantId: string,
    key: string,
    span: SpanRecord,
    nowUs: number,
    reopenedCalls?: ReadonlyMap<string, SpanRecord[]>,
    known?: InFlightCall,
  ): InFlightCall {
    let call = known ?? this.inFlight.get(key);
    if (!call) {
      const reopened = reopenedCalls?.get(key);
      call = {
        tenantId,
        traceId: span.traceId,
        spans: reopened ? [...reopened] : [],
        packed: null,
        packedIsCall: false,
        packScheduled: false,
        spanIds: SpanIdSet.of(reopened?.map((s) => s.spanId) ?? []),
        firstSeenUs: nowUs,
        rootSeenUs: null,
        amends: reopened !== undefined,
        mayBeStored: reopened === undefined && this.completed.mayBeStored(key, span.startUs, nowUs),
        callerLines: this.waitingLines.take(key),
      };
      this.inFlight.set(key, call);
      this.completed.forget(key);
      this.expiryDeadlines.push({ key, dueUs: nowUs + this.options.maxCallUs });
      // A reopened call already has its root: give stragglers one more grace period, then rebuild.
      if (call.amends) this.markRoot(call, key, nowUs);
    }
    if (!call.spanIds.add(span.spanId)) return call;
    // One trace-id string per call instead of one per span: the decoder makes each span its own;
    // and one empty event list for all spans without events (most): 30 bytes a span held.
    span.traceId = call.traceId;
    if (span.events.length === 0) span.events = NO_EVENTS;
    call.spans.push(span);
    if (span.parentSpanId === '' && call.rootSeenUs === null) this.markRoot(call, key, nowUs);
    this.packing.spanAdded(call, key, nowUs);
    return call;
  }

  /** Calls in progress pack the spans they have held decoded for a while (pack-schedule.ts). */
  packCallsInProgress(nowUs: number): Promise<void> {
    return this.packing.packDue(nowUs, (key) => this.inFlight.get(key));
  }

  private markRoot(call: InFlightCall, key: string, nowUs: number): void {
    call.rootSeenUs = nowUs;
    this.rootDeadlines.push({ key, dueUs: nowUs + this.options.graceUs });
  }

  /** Finalises every call that is due, stores the sessions, and returns them. */
  async finalizeDue(nowUs: number): Promise<CallSession[]> {
    const batch = await this.buildSessions(this.takeDue(nowUs), nowUs);
    await this.store.saveSessions(batch.sessions, { exactRevisions: true }).catch((error: unknown) => {
      this.writeFailed(batch, nowUs);
      throw error;
    });
    return batch.sessions;
  }

  /**
   * Takes every due call out of flight (synchronous: the caller holds the ingest lock only this
   * long). The calls count as completed from now on, so a late span that arrives while their
   * sessions are built or written reopens its call as an amendment; traces that are not calls
   * (an engine's API requests, health checks) are dropped here and make no session.
   */
  takeDue(nowUs: number): DueCalls {
    const due: DueCalls = [];
    for (let d = this.rootDeadlines.peek(); d && d.dueUs <= nowUs; d = this.rootDeadlines.peek()) {
      this.rootDeadlines.shift();
      const call = this.inFlight.get(d.key);
      if (call?.rootSeenUs !== null && call !== undefined && call.rootSeenUs + this.options.graceUs <= nowUs) {
        this.inFlight.delete(d.key);
        due.push({ call, complete: true });
      }
    }
    for (let d = this.expiryDeadlines.peek(); d && d.dueUs <= nowUs; d = this.expiryDeadlines.peek()) {
      this.expiryDeadlines.shift();
      const call = this.inFlight.get(d.key);
      if (call && call.rootSeenUs === null && call.firstSeenUs + this.options.maxCallUs <= nowUs) {
        this.inFlight.delete(d.key);
        due.push({ call, complete: false });
      }
    }
    const calls = due.filter(({ call }) => call.amends || call.packedIsCall || isCallTrace(call.spans));
    this.notCallTraces += due.length - calls.length;
    for (const { call } of calls) this.completed.remember(callKey(call.tenantId, call.traceId), nowUs);
    return calls;
  }

  /**
   * Builds the sessions of calls takeDue took; the caller stores them, then calls writeFailed if
   * that failed. Builds must run one at a time, each handing its sessions to the writer before the
   * next starts: an amendment's build waits for the writes handed over before it (toSession), and
   * finds the revision it replaces there.
   */
  async buildSessions(due: DueCalls, nowUs: number): Promise<DueBatch> {
    const batch: DueBatch = { sessions: [], calls: due.map((d) => d.call) };
    if (due.length === 0) return batch;
    try {
      await this.settleMayBeStored(due.filter((d) => d.complete && !d.call.amends && d.call.mayBeStored).map((d) => d.call));
      // A tick's builds are one long synchronous run otherwise: let exports and acknowledgements
      // through every few milliseconds (a 30 ms run held each of them up to that long, measured).
      const slices = new TimeSlices(BUILD_SLICE_MILLIS);
      for (const { call, complete } of due) {
        batch.sessions.push(await this.toSession(call, complete, nowUs));
        await slices.next();
      }
    } catch (error) {
      this.writeFailed(batch, nowUs);
      throw error;
    }
    return batch;
  }

  /**
   * Replaces the filter's "maybe" with the answer, in one query for the batch: only calls with a
   * stored session (or one being written) keep the per-call lookup and rebuild of toSession.
   */
  private async settleMayBeStored(calls: InFlightCall[]): Promise<void> {
    if (calls.length === 0) return;
    const probes = calls.map((c) => ({ tenantId: c.tenantId, traceId: c.traceId, startUs: earliestStartOfCall(c) }));
    const stored = new Set((await this.store.storedTraces(probes)).map((t) => callKey(t.tenantId, t.traceId)));
    for (const call of calls) {
      const key = callKey(call.tenantId, call.traceId);
      call.mayBeStored = stored.has(key) || this.writes.isPending(key);
    }
  }

  /**
   * Nothing of the batch was stored: its calls go back in flight and are tried again after
   * another grace period, rather than waiting for a restart to find them in the raw telemetry.
   * A call that late spans reopened meanwhile keeps the reopened version (it re-read every
   * durable span of the trace).
   */
  writeFailed(batch: DueBatch, nowUs: number): void {
    for (const call of batch.calls) {
      const key = callKey(call.tenantId, call.traceId);
      this.completed.forget(key);
      if (this.inFlight.has(key)) continue;
      this.inFlight.set(key, call);
      if (call.rootSeenUs !== null) this.markRoot(call, key, nowUs);
      else this.expiryDeadlines.push({ key, dueUs: nowUs + this.options.graceUs });
    }
  }

  private async toSession(call: InFlightCall, complete: boolean, nowUs: number): Promise<CallSession> {
    let spans = spansOfCall(call);
    let revision = 1;
    let callerLines = call.callerLines;
    if (call.amends || !complete || call.mayBeStored) {
      // An amendment, a call whose root never came, or one the plane may have forgotten
      // completing: a stored session may exist (the root may have completed it before a restart,
      // or before the completed set forgot it), and its revision decides this one's.
      await this.writes.settled();
      const previous = await this.store.sessionOfTrace(call.tenantId, call.traceId);
      if (previous) {
        revision = previous.revision + 1;
        if (!call.amends) spans = mergeById(await this.store.spansOfTrace(call.tenantId, call.traceId), spans);
        complete = complete || previous.complete || spans.some((s) => s.parentSpanId === '');
        // The stored logs hold every caller line of the call, those the first version saw included.
        callerLines = (await this.store.logsOfTrace(call.tenantId, call.traceId)).flatMap((log) => callerLineOf(log) ?? []);
      }
    }
    return buildSession({
      tenantId: call.tenantId,
      traceId: call.traceId,
      spans: mergeById(spans, []),
      complete,
      revision,
      nowUs,
      callerLines,
      pricesAt: (startUs) => this.priceBooks.layersAt(call.tenantId, startUs),
    });
  }

  /** Calls of one tenant still in flight, newest first, for the live view. */
  liveCalls(tenantId: string, limit: number): LiveCall[] {
    return liveCallsOf(this.inFlight.values(), tenantId, limit);
  }

  /** Spans held in flight, decoded and packed (a walk over every call: for tests and benchmarks). */
  countInFlightSpans(): { decoded: number; packed: number } {
    let decoded = 0;
    let packed = 0;
    for (const call of this.inFlight.values()) {
      decoded += call.spans.length;
      packed += call.packed?.count ?? 0;
    }
    return { decoded, packed };
  }

  /** In-flight call counts per tenant (for /metrics and the live stream). */
  inFlightByTenant(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const call of this.inFlight.values()) counts.set(call.tenantId, (counts.get(call.tenantId) ?? 0) + 1);
    return counts;
  }
}

/** Union of two span lists by span id; the first occurrence wins. */
function mergeById(a: SpanRecord[], b: SpanRecord[]): SpanRecord[] {
  const seen = new Set<string>();
  const out: SpanRecord[] = [];
  for (const span of [...a, ...b]) {
    if (seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    out.push(span);
  }
  return out;
}
