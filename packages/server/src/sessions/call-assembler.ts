import type { CallSession } from '../model/call-session.js';
import type { LogRecordEntry, SpanRecord } from '../model/telemetry-records.js';
import type { PriceBooks } from '../cost/price-books.js';
import type { Store, StoredSpan, TelemetryGroup } from '../store/store.js';
import { PlaneError } from '../errors/plane-error.js';
import { buildSession } from './build-session.js';
import { FifoQueue } from './fifo-queue.js';
import { callKey, type CallerLine, type InFlightCall, type LiveCall } from './in-flight-call.js';
import { callerLineOf } from './caller-lines.js';
import { isCallTrace } from './is-call-trace.js';
import { CallAttr } from '@lumay/conventions';

export interface AssemblerOptions {
  graceUs: number;
  maxCallUs: number;
  lateSpanWindowUs: number;
  maxInFlightCalls: number;
  /** Upper bound on completed calls remembered for late-span routing (memory bound). */
  maxRememberedCompleted: number;
}

export type AssemblerStore = Pick<Store, 'saveSessions' | 'spansOfTrace' | 'sessionOfTrace' | 'logsOfTrace'>;

/** Caller lines held for calls none of whose spans has arrived yet (logs often come first). */
const MAX_PENDING_LINE_CALLS = 50_000;

interface Deadline {
  key: string;
  dueUs: number;
}

/** Outcome of deduplication for one flush: the new spans, and what was dropped as already seen. */
export interface Selection {
  groups: TelemetryGroup[];
  duplicates: number;
}

/**
 * Groups spans by trace into calls and decides when a call is final.
 *
 * Contract with the ingest pipeline, which calls every method under one lock:
 *   select(groups) → the spans not seen before (retries are idempotent on (trace id, span id));
 *   the pipeline makes them durable; admit(groups) → they join their calls;
 *   finalizeDue(now) → calls whose root arrived ≥ grace ago (or that expired) become sessions.
 * Spans of a call that completed recently reopen it as an amendment: the rebuilt session
 * replaces the stored one (revision + 1), so nothing is counted twice.
 */
export class CallAssembler {
  private readonly inFlight = new Map<string, InFlightCall>();
  /** Recently completed calls, oldest first (Map keeps insertion order): key → completion time. */
  private readonly completed = new Map<string, number>();
  private readonly rootDeadlines = new FifoQueue<Deadline>();
  private readonly expiryDeadlines = new FifoQueue<Deadline>();
  /** Stored spans of completed calls that late spans reopen, fetched in select() for admit(). */
  private readonly reopened = new Map<string, SpanRecord[]>();
  private readonly pendingLines = new Map<string, CallerLine[]>();

  constructor(
    private readonly options: AssemblerOptions,
    private readonly store: AssemblerStore,
    private readonly priceBooks: PriceBooks,
  ) {}

  /** Traces finished without being calls (no call attribute, no speech stage), since start. */
  notCallTraces = 0;

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  async select(groups: TelemetryGroup[]): Promise<Selection> {
    this.reopened.clear();
    let duplicates = 0;
    let newCalls = 0;
    const seenInBatch = new Set<string>();
    const lateByKey = new Map<string, Set<string>>();
    const out: TelemetryGroup[] = [];
    for (const group of groups) {
      const spans: SpanRecord[] = [];
      for (const span of group.spans) {
        const key = callKey(group.tenantId, span.traceId);
        const spanKey = `${key}\u0000${span.spanId}`;
        const call = this.inFlight.get(key);
        if (seenInBatch.has(spanKey) || call?.spanIds.has(span.spanId)) {
          duplicates++;
          continue;
        }
        seenInBatch.add(spanKey);
        if (!call) {
          if (this.completed.has(key)) {
            if (!lateByKey.has(key)) lateByKey.set(key, new Set());
          } else if (!seenInBatch.has(key)) {
            seenInBatch.add(key);
            newCalls++;
          }
        }
        spans.push(span);
      }
      out.push({ tenantId: group.tenantId, spans, logs: group.logs, raw: group.raw });
    }
    if (newCalls > 0 && this.inFlight.size + newCalls > this.options.maxInFlightCalls) {
      throw PlaneError.overloaded(
        `too many calls in flight (${this.inFlight.size} of ${this.options.maxInFlightCalls}); retry later`,
        Math.max(1, Math.ceil(this.options.graceUs / 1e6)),
      );
    }
    if (lateByKey.size === 0) return { groups: out, duplicates };

    // Late spans of completed calls: the stored spans decide what is a duplicate (a retry after
    // completion) and seed the reopened call. This is the rare path, one query per late call.
    for (const key of lateByKey.keys()) {
      const [tenantId, traceId] = key.split('\u0000') as [string, string];
      const stored = await this.store.spansOfTrace(tenantId, traceId);
      this.reopened.set(key, stored);
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
    return { groups: filtered, duplicates };
  }

  /** Adds durable spans to their calls, and the caller's transcript lines. `nowUs` is wall-clock time. */
  admit(groups: TelemetryGroup[], nowUs: number): void {
    for (const group of groups) {
      for (const span of group.spans) this.addSpan(group.tenantId, span, nowUs);
    }
    for (const group of groups) {
      for (const log of group.logs) this.addCallerLine(group.tenantId, log);
    }
    this.reopened.clear();
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
    if (this.completed.has(key)) return;
    const waiting = this.pendingLines.get(key);
    if (waiting) {
      waiting.push(line);
      return;
    }
    if (this.pendingLines.size >= MAX_PENDING_LINE_CALLS) {
      const oldest = this.pendingLines.keys().next();
      if (!oldest.done) this.pendingLines.delete(oldest.value);
    }
    this.pendingLines.set(key, [line]);
  }

  /** Re-creates the calls in flight at the last stop from durable spans (they were acknowledged). */
  restore(open: StoredSpan[], completed: { tenantId: string; traceId: string }[], nowUs: number): void {
    for (const c of completed) this.completed.set(callKey(c.tenantId, c.traceId), nowUs);
    for (const span of open) {
      const key = callKey(span.tenantId, span.traceId);
      if (this.inFlight.get(key)?.spanIds.has(span.spanId)) continue;
      this.addSpan(span.tenantId, span, nowUs);
    }
  }

  private addSpan(tenantId: string, span: SpanRecord, nowUs: number): void {
    const key = callKey(tenantId, span.traceId);
    let call = this.inFlight.get(key);
    if (!call) {
      const reopened = this.reopened.get(key);
      call = {
        tenantId,
        traceId: span.traceId,
        spans: reopened ? [...reopened] : [],
        spanIds: new Set(reopened?.map((s) => s.spanId)),
        firstSeenUs: nowUs,
        rootSeenUs: null,
        amends: reopened !== undefined,
        callerLines: this.pendingLines.get(key) ?? [],
      };
      this.pendingLines.delete(key);
      this.inFlight.set(key, call);
      this.completed.delete(key);
      this.expiryDeadlines.push({ key, dueUs: nowUs + this.options.maxCallUs });
      // A reopened call already has its root: give stragglers one more grace period, then rebuild.
      if (call.amends) this.markRoot(call, key, nowUs);
    }
    if (call.spanIds.has(span.spanId)) return;
    call.spanIds.add(span.spanId);
    call.spans.push(span);
    if (span.parentSpanId === '' && call.rootSeenUs === null) this.markRoot(call, key, nowUs);
  }

  private markRoot(call: InFlightCall, key: string, nowUs: number): void {
    call.rootSeenUs = nowUs;
    this.rootDeadlines.push({ key, dueUs: nowUs + this.options.graceUs });
  }

  /** Finalises every call that is due, stores the sessions, and returns them. */
  async finalizeDue(nowUs: number): Promise<CallSession[]> {
    const due: { call: InFlightCall; complete: boolean }[] = [];
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
    if (due.length === 0) return [];
    const sessions: CallSession[] = [];
    const notCalls: InFlightCall[] = [];
    try {
      for (const { call, complete } of due) {
        // Traces that are not calls (an engine's API requests, health checks) make no session.
        if (!call.amends && !isCallTrace(call.spans)) notCalls.push(call);
        else sessions.push(await this.toSession(call, complete, nowUs));
      }
      await this.store.saveSessions(sessions);
    } catch (error) {
      // Nothing was stored: the calls go back in flight and are tried again after another grace
      // period, rather than waiting for a restart to find them in the raw telemetry.
      for (const { call } of due) {
        const key = callKey(call.tenantId, call.traceId);
        this.inFlight.set(key, call);
        if (call.rootSeenUs !== null) this.markRoot(call, key, nowUs);
        else this.expiryDeadlines.push({ key, dueUs: nowUs + this.options.graceUs });
      }
      throw error;
    }
    for (const s of sessions) this.remember(callKey(s.tenantId, s.traceId), nowUs);
    this.notCallTraces += notCalls.length;
    return sessions;
  }

  private async toSession(call: InFlightCall, complete: boolean, nowUs: number): Promise<CallSession> {
    let spans = call.spans;
    let revision = 1;
    let callerLines = call.callerLines;
    if (call.amends || !complete) {
      // An amendment, or a call whose root never came: either way a stored session may exist
      // (the root may have completed it before a restart, or before the completed set forgot it).
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

  private remember(key: string, nowUs: number): void {
    this.completed.set(key, nowUs);
    const horizon = nowUs - this.options.lateSpanWindowUs;
    for (const [k, at] of this.completed) {
      if (this.completed.size <= this.options.maxRememberedCompleted && at >= horizon) break;
      this.completed.delete(k);
    }
  }

  /** Calls of one tenant still in flight, newest first, for the live view. */
  liveCalls(tenantId: string, limit: number): LiveCall[] {
    const out: LiveCall[] = [];
    for (const call of this.inFlight.values()) {
      if (call.tenantId !== tenantId || call.amends) continue;
      const root = call.spans.find((s) => s.parentSpanId === '');
      const first = root ?? call.spans[0];
      const attr = (name: string): string => {
        const v = root?.attributes[name];
        return typeof v === 'string' ? v : '';
      };
      out.push({
        traceId: call.traceId,
        callId: attr(CallAttr.id) || call.traceId,
        agentId: attr(CallAttr.agentId),
        direction: attr(CallAttr.direction) || 'inbound',
        startUs: Math.min(...call.spans.map((s) => s.startUs), first?.startUs ?? 0),
        spanCount: call.spans.length,
        rootArrived: call.rootSeenUs !== null,
      });
    }
    out.sort((a, b) => b.startUs - a.startUs);
    return out.slice(0, limit);
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
