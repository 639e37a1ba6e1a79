import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/**
 * Whether an external tool a test needs is installed. On a laptop without it the test says so
 * loudly and skips; under CI (CI=true) a missing tool fails the test, so CI always runs it for real
 * (.ci/run installs it). The same contract as the server's test support, which packages must not
 * import.
 */
export function requireTool(t: TestContext, command: string, installHint: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (found) return true;
  const message = `${command} is not installed (${installHint})`;
  if (process.env.CI === 'true') throw new Error(`${message}; CI must run this test`);
  console.warn(`\n*** SKIPPING: ${message} ***\n`);
  t.skip(message);
  return false;
}
