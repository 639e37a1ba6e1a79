import { type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** Collects a child's stdout and stderr lines, and waits for a line that matches. */
export class ChildLines {
  readonly lines: string[] = [];
  private readonly waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];

  constructor(private readonly child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream === null) continue;
      createInterface({ input: stream }).on('line', (line) => this.push(line));
    }
  }

  private push(line: string): void {
    this.lines.push(line);
    for (const waiter of [...this.waiters]) {
      if (!waiter.test(line)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }

  /** The first line (already seen or still to come) that passes `test`; rejects on exit or timeout. */
  async waitFor(test: (line: string) => boolean, timeoutMillis: number, what: string): Promise<string> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return seen;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}; output:\n${this.tail()}`)),
        timeoutMillis,
      );
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`process exited (${String(code)}) before ${what}; output:\n${this.tail()}`));
      };
      this.child.once('exit', onExit);
      this.waiters.push({
        test,
        resolve: (line) => {
          clearTimeout(timer);
          this.child.off('exit', onExit);
          resolve(line);
        },
      });
    });
  }

  tail(count = 30): string {
    return this.lines.slice(-count).join('\n');
  }
}

/** SIGTERM, then SIGKILL if the child has not exited after `graceMillis`. */
export async function stopChild(child: ChildProcess, graceMillis = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMillis);
  await exited;
  clearTimeout(timer);
}
