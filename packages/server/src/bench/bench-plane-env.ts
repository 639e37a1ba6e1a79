import type { Env } from '../config.js';

/**
 * The `LUMAY_*` variables the bench itself was started with, passed on to every plane it starts
 * (after the bench's own settings), so a setting can be measured without editing the harness:
 * `LUMAY_DUCKDB_MEMORY_LIMIT_MB=160 npm run bench -- --only ingest`. The results record them.
 */
export function benchPlaneEnv(): Env {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('LUMAY_')));
}
