#!/usr/bin/env node
/**
 * `lumay`: one command for the plane and its tools. `simulate` runs the fleet simulator
 * (@lumay/simulator); everything else (`serve`, `tenant`, `key`, help) is the plane's own command
 * line, which reads the same argv. The plane is loaded only when asked for, so `lumay simulate`
 * starts without DuckDB.
 */
import { runSimulateCommand } from '@lumay/simulator';

const SIMULATE_LINE = '  lumay simulate --key KEY [options]             feed a plane with simulated calls (lumay simulate --help)';

async function main(argv: string[]): Promise<number | undefined> {
  const [command] = argv;
  if (command === 'simulate') return runSimulateCommand(argv.slice(1));
  if (command === undefined || command === '--help' || command === '-h') console.log(`${SIMULATE_LINE}\n`);
  // The plane's CLI runs on import and sets process.exitCode itself.
  await import(import.meta.resolve('@lumay/server/dist/cli/main.js'));
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined && code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
