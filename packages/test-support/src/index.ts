import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/*
 * Tests that need something real — a tool (promtool, docker-compose), a file (Chromium), a service
 * (PostgreSQL, RabbitMQ) — follow one rule: on a laptop without it the test says so loudly and
 * skips; under CI (CI=true) a missing one fails the test, so CI always runs it for real (.ci/run
 * installs and starts what the tests need).
 */

/** What a test is marked skipped through (node:test's TestContext); none from a suite's hook. */
export interface Skippable {
  skip(message?: string): void;
}

/** Skips loudly, or throws under CI; returns false so callers can `return` on it. */
function missing(t: Skippable | undefined, message: string): false {
  if (process.env.CI === 'true') throw new Error(`${message}; CI must run this test`);
  console.warn(`\n*** SKIPPING: ${message} ***\n`);
  t?.skip(message);
  return false;
}

/** Whether a command is on the PATH. */
export function requireTool(t: Skippable | undefined, command: string, installHint: string): boolean {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status === 0) return true;
  return missing(t, `${command} is not installed (${installHint})`);
}

/** For a suite's `skip` option: why it cannot run (a file it needs is missing), or false. */
export function missingFile(path: string, installHint: string): string | false {
  if (existsSync(path)) return false;
  const message = `${path} is missing (${installHint})`;
  missing(undefined, message);
  return message;
}

/** Whether something listens on 127.0.0.1:`port` (PostgreSQL 5432, RabbitMQ 5672). */
export async function requireService(t: Skippable | undefined, name: string, port: number): Promise<boolean> {
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const settle = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('timeout', () => settle(false));
  });
  if (reachable) return true;
  return missing(t, `${name} is not reachable on 127.0.0.1:${port} (start it; DESIGN.md "Real components")`);
}

/** A loopback port free right now (the kernel picks it; released for the caller to use). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}
