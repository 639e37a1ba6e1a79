import type { Logger } from 'pino';

/** The calls this engine is running, so a retried webhook is recognised and shutdown can wait for them. */
export class CallTracker {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly log: Logger) {}

  has(callSid: string): boolean {
    return this.running.has(callSid);
  }

  get size(): number {
    return this.running.size;
  }

  track(callSid: string, call: Promise<unknown>): void {
    const settled = call.then(
      () => undefined,
      (error: unknown) => this.log.error({ err: error, callSid }, 'call loop failed'),
    );
    this.running.set(callSid, settled);
    void settled.finally(() => this.running.delete(callSid));
  }

  /** Resolves when every call running now has ended. */
  async drain(): Promise<void> {
    await Promise.all(this.running.values());
  }
}
