import { spawnSync } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { TestContext } from 'node:test';

/**
 * The SDK's copy of the server's require-tool idea (packages must not import server internals):
 * a test that needs a real service or tool skips loudly on a laptop without it and fails under
 * CI (CI=true), so CI always runs it for real.
 */
function missing(t: TestContext, message: string): false {
  if (process.env.CI === 'true') throw new Error(`${message}; CI must run this test`);
  console.warn(`\n*** SKIPPING: ${message} ***\n`);
  t.skip(message);
  return false;
}

export function requireTool(t: TestContext, command: string, installHint: string): boolean {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status === 0) return true;
  return missing(t, `${command} is not installed (${installHint})`);
}

/** Whether something listens on 127.0.0.1:`port` (PostgreSQL 5432, RabbitMQ 5672). */
export async function requireService(t: TestContext, name: string, port: number): Promise<boolean> {
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
