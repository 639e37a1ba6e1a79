import type { DueBatch } from '../sessions/call-assembler.js';

interface Waiting {
  batch: DueBatch;
  resolve: () => void;
}

/**
 * Group commit for finished calls: batches handed over while a write runs are merged into the
 * next one, so a busy plane writes fewer, larger transactions. Each write costs about a dozen
 * statements whatever its size (staging, rollups, commit), so merging is what keeps the writer
 * ahead of ingest instead of the statement count growing with the tick rate.
 */
export class SessionWriter {
  private waiting: Waiting[] = [];
  private waitingSessions = 0;
  private running: Promise<void> | null = null;
  /** Callers of taken(), resolved when the batches waiting are taken for writing. */
  private takenWaiters: (() => void)[] = [];
  /** Calls of the batches handed over and not yet written, by key (a key may be in two batches). */
  private readonly pending = new Map<string, number>();

  /** `write` stores one merged batch and handles its own failure (it must not throw). */
  constructor(
    private readonly write: (batch: DueBatch) => Promise<void>,
    private readonly keyOf: (session: DueBatch['sessions'][number]) => string,
  ) {}

  /** Queues a batch; resolves once it is written or its failure handled. */
  submit(batch: DueBatch): Promise<void> {
    const written = new Promise<void>((resolve) => this.waiting.push({ batch, resolve }));
    this.waitingSessions += batch.sessions.length;
    for (const s of batch.sessions) this.pending.set(this.keyOf(s), (this.pending.get(this.keyOf(s)) ?? 0) + 1);
    this.running ??= this.drain();
    return written;
  }

  /** Sessions handed over and not yet being written. */
  get backlog(): number {
    return this.waitingSessions;
  }

  /** Whether a session of this call is on its way to the store. */
  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  /**
   * Resolves once the sessions waiting now have been taken for writing (the write before them is
   * done), not once they are written: back-pressure that holds ingest for one write instead of two.
   */
  taken(): Promise<void> {
    if (this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.takenWaiters.push(resolve));
  }

  /** Resolves once everything handed over so far is written. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const taken = this.waiting;
      this.waiting = [];
      this.waitingSessions = 0;
      for (const resolve of this.takenWaiters.splice(0)) resolve();
      const merged: DueBatch = { sessions: taken.flatMap((t) => t.batch.sessions), calls: taken.flatMap((t) => t.batch.calls) };
      await this.write(merged);
      for (const s of merged.sessions) {
        const key = this.keyOf(s);
        const left = (this.pending.get(key) ?? 1) - 1;
        if (left > 0) this.pending.set(key, left);
        else this.pending.delete(key);
      }
      for (const t of taken) t.resolve();
    }
    this.running = null;
  }
}
