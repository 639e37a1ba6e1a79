import { existsSync } from 'node:fs';

/**
 * Why a suite cannot run (a file it needs, like Chromium, is missing), or false when it can. On a
 * laptop the suite says so loudly and is skipped; under CI (CI=true) a missing file throws, so CI
 * always runs it for real (.ci/run installs it). The server's require-tool rule, for a path.
 */
export function missingFile(path: string, installHint: string): string | false {
  if (existsSync(path)) return false;
  const message = `${path} is missing (${installHint})`;
  if (process.env.CI === 'true') throw new Error(`${message}; CI must run this test`);
  console.warn(`\n*** SKIPPING: ${message} ***\n`);
  return message;
}
