import { connect } from 'node:net';

/**
 * The engine's copy of the require-tool idea (examples must not import the server's internals):
 * a test that needs a real service skips loudly on a laptop without it and fails under CI
 * (CI=true), so CI always runs it for real.
 */
/** `t`: the test to mark skipped; none from a suite's `before` hook (its tests then skip themselves). */
export async function requireService(t: { skip(message?: string): void } | undefined, name: string, port: number): Promise<boolean> {
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
  const message = `${name} is not reachable on 127.0.0.1:${port} (start it; DESIGN.md "Real components")`;
  if (process.env.CI === 'true') throw new Error(`${message}; CI must run this test`);
  console.warn(`\n*** SKIPPING: ${message} ***\n`);
  t?.skip(message);
  return false;
}
