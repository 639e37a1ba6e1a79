import type { SpanRecord } from '../model/telemetry-records.js';
import type { TelemetryGroup } from '../store/store.js';

/**
 * Outcome of deduplication for one flush: the new spans, what was dropped as already seen, and
 * what admit() or discard() needs (the stored spans of completed calls that late spans reopen).
 */
export interface Selection {
  groups: TelemetryGroup[];
  duplicates: number;
  readonly spanKeys: Set<string>;
  readonly reopened: Map<string, SpanRecord[]>;
  /**
   * Spans left out because a selection not yet admitted has them (span key → group index): if
   * that one is discarded, the groups that counted on it are in `lostGroups`, and their senders
   * must retry.
   */
  readonly deferred: Map<string, number>;
  readonly lostGroups: Set<number>;
}

/**
 * Selections made and not yet admitted or discarded: a flush may select while the previous one
 * is still being written, and must not take the same span twice.
 */
export class PendingSelections {
  private readonly pending = new Set<Selection>();

  add(selection: Selection): void {
    this.pending.add(selection);
  }

  has(spanKey: string): boolean {
    for (const selection of this.pending) if (selection.spanKeys.has(spanKey)) return true;
    return false;
  }

  admitted(selection: Selection): void {
    this.pending.delete(selection);
  }

  /** The selections that left spans out because this one had them learn which groups lost them. */
  discarded(selection: Selection): void {
    this.pending.delete(selection);
    for (const other of this.pending) {
      for (const [spanKey, group] of other.deferred) {
        if (selection.spanKeys.has(spanKey)) other.lostGroups.add(group);
      }
    }
  }
}
