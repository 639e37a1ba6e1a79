import type { CallSession } from '../../model/call-session.js';
import { MINUTE_US } from './kpi-minute-rollups.js';
import { HOUR_US } from './kpi-rollups.js';
import type { TimeRange } from './kpi-window-sql.js';

/** What one tenant's UTC hour or minute adds to a window without a dimension filter. */
export interface PeriodParts {
  /** The measures in KPI_MEASURES' order (kpi-parts.ts' measureValues); null for a period without calls. */
  measures: Float64Array | null;
  /** Histogram bucket and handled calls, in pairs. */
  durations: number[];
  workItems: [type: string, count: number][];
}

/** A period without calls. */
export const EMPTY_PERIOD: PeriodParts = { measures: null, durations: [], workItems: [] };

export type PeriodUnit = 'day' | 'hour' | 'minute';

const DAY_US = 24 * HOUR_US;

/** The units periods are kept in, coarsest first: a window is cut into them in this order (kpi-window-sql.ts' splitPeriods). */
export const PERIOD_UNITS: readonly { unit: PeriodUnit; unitUs: number }[] = [
  { unit: 'day', unitUs: DAY_US },
  { unit: 'hour', unitUs: HOUR_US },
  { unit: 'minute', unitUs: MINUTE_US },
];

export const UNIT_US: Readonly<Record<PeriodUnit, number>> = { day: DAY_US, hour: HOUR_US, minute: MINUTE_US };

/**
 * Kept periods across every tenant (about a kilobyte each): 30 days are 720 hours, so this holds the
 * console's window and the previous one for about 30 tenants. Past it, the tenants read longest
 * ago are dropped whole.
 */
const MAX_PERIODS = 48_000;
/** Windows of more periods are read without the cache (a year of hours would push every tenant out). */
const MAX_WINDOW_PERIODS = 2_400;
/**
 * Hours and minutes kept per tenant: a window's ends move on as it slides, so the periods of the
 * ends it left are dropped all at once past these (four hours of minutes, twice a window's two
 * partial hours; a hundred days of hours, for hourly series).
 */
const MAX_PER_TENANT: Readonly<Record<PeriodUnit, number>> = { day: 3_000, hour: 4_800, minute: 240 };
/** Writes remembered per tenant for the reads that started before them (`changedSince`). */
const WRITES_REMEMBERED = 256;

/** A write announced by `writing`: the ranges of session start it changes (null: all of them). */
export interface AnnouncedWrite {
  tenantId: string;
  seq: number;
  /** Emptied once written: the log keeps only the envelope of what it touched. */
  ranges: readonly TimeRange[] | null;
  /** The smallest range holding all of `ranges`, for overlap checks. */
  envelope: TimeRange | null;
  done: boolean;
}

interface TenantPeriods {
  generation: number;
  /** Sequence of the tenant's writes; `writes` holds the last WRITES_REMEMBERED, oldest first. */
  writeSeq: number;
  writes: AnnouncedWrite[];
  day: Map<number, PeriodParts>;
  hour: Map<number, PeriodParts>;
  minute: Map<number, PeriodParts>;
}

/**
 * The smallest range holding all of `ranges` (not empty). A loop, not Math.min(...): a merged
 * session write can carry tens of thousands of sessions, past what a spread call takes.
 */
function envelopeOf(ranges: readonly TimeRange[]): TimeRange {
  let fromUs = Infinity;
  let toUs = -Infinity;
  for (const r of ranges) {
    fromUs = Math.min(fromUs, r.fromUs);
    toUs = Math.max(toUs, r.toUs);
  }
  return { fromUs, toUs };
}

/** Whether the period at `at` of `unitUs` holds a session start in `envelope` (null: every start). */
function overlaps(envelope: TimeRange | null, at: number, unitUs: number): boolean {
  return envelope === null || (envelope.fromUs < at + unitUs && envelope.toUs >= at);
}

/**
 * The parts of windows without a dimension filter (the console's overview), kept per tenant and
 * UTC day (the window's whole days), hour (the whole hours of the partial days at its ends) and
 * minute (the whole minutes of its partial hours), days and hours from the hourly rollups. DuckDB
 * plans every statement that scans a table again on each run, so a 30-day window cost the same
 * milliseconds per statement however little had changed; a period changes only when a write
 * touches it (a session of a call that started in it, an amendment, a re-pricing), so it is read
 * once and kept until then. A live tenant's current minutes are read again after each session
 * write; everything before them is kept. Days rather than hours for the bulk: the histogram of
 * 720 hours is 46k rows, whose reading alone cost 60 ms over 10M calls.
 *
 * Writes announce themselves twice (`writing` before, `written` after the commit, which drops the
 * periods it touched). A read keeps what it read only if no write of its tenant was announced
 * meanwhile (`generation`): a read whose snapshot predates a commit either started before the
 * announcement (and keeps nothing) or finishes before `written` drops what it kept. One answer
 * never mixes snapshots either: `lookup` offers no period a write in progress touches (such a
 * write may have committed already), and a read whose kept periods a write started since touches
 * (`changedSince`) is answered again without them.
 */
export class KpiPeriodCache {
  private readonly tenants = new Map<string, TenantPeriods>();
  private size = 0;

  constructor(private readonly maxPeriods = MAX_PERIODS) {}

  /**
   * A write of `tenantId` changing the sessions starting in `ranges` (both ends included; every
   * period of the tenant when null) is about to start; `written` is told when it ends.
   */
  writing(tenantId: string, ranges: readonly TimeRange[] | null): AnnouncedWrite {
    const entry = this.entryOf(tenantId);
    entry.generation++;
    const envelope = ranges === null ? null : envelopeOf(ranges);
    const write: AnnouncedWrite = { tenantId, seq: ++entry.writeSeq, ranges, envelope, done: false };
    entry.writes.push(write);
    if (entry.writes.length > WRITES_REMEMBERED) entry.writes.shift();
    return write;
  }

  /** A write announced by `writing` has ended (committed or not): the periods it touched are read again. */
  written(write: AnnouncedWrite): void {
    const entry = this.entryOf(write.tenantId);
    entry.generation++;
    write.done = true;
    const ranges = write.ranges;
    write.ranges = [];
    if (!ranges) {
      this.forget(entry);
      return;
    }
    for (const range of ranges) {
      for (const { unit } of PERIOD_UNITS) {
        const periods = entry[unit];
        if (periods.size === 0) continue;
        const unitUs = UNIT_US[unit];
        const first = Math.floor(range.fromUs / unitUs) * unitUs;
        if ((range.toUs - first) / unitUs <= periods.size) {
          for (let at = first; at <= range.toUs; at += unitUs) if (periods.delete(at)) this.size--;
          continue;
        }
        for (const at of periods.keys()) {
          if (at >= first && at <= range.toUs && periods.delete(at)) this.size--;
        }
      }
    }
  }

  /** The last write of the tenant announced so far: what `changedSince` compares. */
  writeSeq(tenantId: string): number {
    return this.tenants.get(tenantId)?.writeSeq ?? 0;
  }

  /**
   * Whether a write announced after `seq` touches a kept period a read used (`lookup`'s result for
   * `range` of `unit`): that read's answer may mix two snapshots and must be made again.
   */
  changedSince(tenantId: string, seq: number, unit: PeriodUnit, range: TimeRange, kept: readonly (PeriodParts | undefined)[]): boolean {
    const entry = this.tenants.get(tenantId);
    if (!entry || entry.writeSeq === seq) return false;
    // Forgotten writes may have touched anything.
    if ((entry.writes[0]?.seq ?? Infinity) > seq + 1) return true;
    const unitUs = UNIT_US[unit];
    return entry.writes.some(
      (write) => write.seq > seq && kept.some((period, i) => period !== undefined && overlaps(write.envelope, range.fromUs + i * unitUs, unitUs)),
    );
  }

  /** What a read compares before keeping its rows (`keep`). */
  generation(tenantId: string): number {
    return this.tenants.get(tenantId)?.generation ?? 0;
  }

  /** Whether a window cut into these periods is small enough to keep. */
  fits(periods: readonly { unit: PeriodUnit; range: TimeRange }[]): boolean {
    const count = periods.reduce((n, { unit, range }) => n + (range.toUs - range.fromUs) / UNIT_US[unit], 0);
    return count <= Math.min(MAX_WINDOW_PERIODS, this.maxPeriods);
  }

  /**
   * The kept parts of every period of `range` (whole units; undefined where none is kept) and the
   * smallest range holding every period not kept (null when all are). A period a write in progress
   * touches counts as not kept. What is returned stays valid for the caller even if a write drops
   * those periods meanwhile, unless `changedSince` says otherwise.
   */
  lookup(tenantId: string, unit: PeriodUnit, range: TimeRange): { kept: (PeriodParts | undefined)[]; missing: TimeRange | null } {
    const entry = this.tenants.get(tenantId);
    if (entry) {
      // Read most recently: the last to be dropped.
      this.tenants.delete(tenantId);
      this.tenants.set(tenantId, entry);
    }
    const unitUs = UNIT_US[unit];
    const inProgress = entry?.writes.filter((w) => !w.done) ?? [];
    const kept: (PeriodParts | undefined)[] = [];
    let first = -1;
    let last = -1;
    for (let at = range.fromUs; at < range.toUs; at += unitUs) {
      const stored = entry?.[unit].get(at);
      const period = stored && !inProgress.some((w) => overlaps(w.envelope, at, unitUs)) ? stored : undefined;
      kept.push(period);
      if (period) continue;
      if (first < 0) first = at;
      last = at;
    }
    return { kept, missing: first < 0 ? null : { fromUs: first, toUs: last + unitUs } };
  }

  /**
   * Keeps the parts of every period of `range` (those absent from `read` had no rows), unless a
   * write of the tenant was announced since `generation` was taken.
   */
  keep(tenantId: string, unit: PeriodUnit, generation: number, range: TimeRange, read: ReadonlyMap<number, PeriodParts>): void {
    if (this.generation(tenantId) !== generation) return;
    const entry = this.entryOf(tenantId);
    const periods = entry[unit];
    if (periods.size + (range.toUs - range.fromUs) / UNIT_US[unit] > MAX_PER_TENANT[unit]) {
      this.size -= periods.size;
      periods.clear();
    }
    for (let at = range.fromUs; at < range.toUs; at += UNIT_US[unit]) {
      if (!periods.has(at)) this.size++;
      periods.set(at, read.get(at) ?? EMPTY_PERIOD);
    }
    this.evict(tenantId);
  }

  /** Forgets every kept period (what was kept stays correct: nothing else changes). */
  clear(): void {
    for (const entry of this.tenants.values()) this.forget(entry);
  }

  get periodsKept(): number {
    return this.size;
  }

  private entryOf(tenantId: string): TenantPeriods {
    let entry = this.tenants.get(tenantId);
    if (!entry) {
      entry = { generation: 0, writeSeq: 0, writes: [], day: new Map(), hour: new Map(), minute: new Map() };
      this.tenants.set(tenantId, entry);
    }
    return entry;
  }

  private evict(keepTenant: string): void {
    for (const [tenantId, entry] of this.tenants) {
      if (this.size <= this.maxPeriods) return;
      if (tenantId !== keepTenant) this.forget(entry);
    }
    // The reading tenant alone is over the bound: it keeps nothing more than it needs now.
    const own = this.tenants.get(keepTenant);
    if (this.size > this.maxPeriods && own) this.forget(own);
  }

  private forget(entry: TenantPeriods): void {
    for (const { unit } of PERIOD_UNITS) {
      this.size -= entry[unit].size;
      entry[unit].clear();
    }
  }
}

/**
 * The ranges of session start whose rollups a write of `sessions` changes, per tenant: each
 * session's start and, when the write may replace stored revisions (an amendment, or any session
 * without `exactRevisions`), where session-writes.ts' findStored looks for them: from the earliest
 * to the latest start of the replacing sessions, `maxCallUs` either side.
 */
export function touchedRanges(sessions: readonly CallSession[], exactRevisions: boolean, maxCallUs: number): Map<string, TimeRange[]> {
  const byTenant = new Map<string, TimeRange[]>();
  const rangesOf = (tenantId: string): TimeRange[] => {
    let ranges = byTenant.get(tenantId);
    if (!ranges) {
      ranges = [];
      byTenant.set(tenantId, ranges);
    }
    return ranges;
  };
  for (const s of sessions) rangesOf(s.tenantId).push({ fromUs: s.startUs, toUs: s.startUs });
  const replacing = sessions.filter((s) => !exactRevisions || s.revision > 1);
  if (replacing.length > 0) {
    const starts = envelopeOf(replacing.map((s) => ({ fromUs: s.startUs, toUs: s.startUs })));
    const searched = { fromUs: starts.fromUs - maxCallUs, toUs: starts.toUs + maxCallUs };
    for (const tenantId of new Set(replacing.map((s) => s.tenantId))) rangesOf(tenantId).push(searched);
  }
  return byTenant;
}
