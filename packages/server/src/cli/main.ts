#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { runServe } from './serve-command.js';
import { runAdminCommand } from './admin-command.js';

const USAGE = `lumay — the LuMay measurement plane

  lumay serve                                   run the plane (config from LUMAY_* environment variables)
  lumay tenant list
  lumay tenant create <id> [--name N] [--human-cost USD]
  lumay key create <tenant> --scopes ingest,read [--name N]
  lumay key list <tenant>
  lumay key revoke <tenant> <key-id>

Tenant and key commands open the data directory directly, so run them while the plane is stopped,
or use the admin API (/api/v1/tenants) while it runs. See docs/configuration.md.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'human-cost': { type: 'string' },
      scopes: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig(process.env);
  if (command === 'serve') return runServe(config);
  if (command === 'tenant' || command === 'key') return runAdminCommand(config, command, rest, values);
  console.error(`unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
