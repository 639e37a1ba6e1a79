import type { CallerLine } from './in-flight-call.js';

/**
 * Caller lines of calls none of whose spans has arrived yet (logs often come first), by call key,
 * bounded: past `maxCalls`, the lines of the call waiting longest are dropped.
 */
export class WaitingCallerLines {
  private readonly lines = new Map<string, CallerLine[]>();

  constructor(private readonly maxCalls: number) {}

  add(key: string, line: CallerLine): void {
    const waiting = this.lines.get(key);
    if (waiting) {
      waiting.push(line);
      return;
    }
    if (this.lines.size >= this.maxCalls) {
      const oldest = this.lines.keys().next();
      if (!oldest.done) this.lines.delete(oldest.value);
    }
    this.lines.set(key, [line]);
  }

  /** The lines waiting for this call (none: an empty list), no longer held here. */
  take(key: string): CallerLine[] {
    const waiting = this.lines.get(key) ?? [];
    this.lines.delete(key);
    return waiting;
  }
}
