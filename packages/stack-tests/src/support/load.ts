import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './deploy-files.js';

// The fleet simulator (`lumay simulate`, packages/simulator): tenants' calls through @lumay/telemetry
// over real OTLP, a realistic mix of outcomes, connectors, sentiment and costs.
const LUMAY = join(REPO_ROOT, 'packages/cli/dist/main.js');

/** Sends `calls` calls (distinct per seed) to the plane with the simulator and waits for the exports. */
export function sendCalls(baseUrl: string, apiKey: string, calls: number, seed: number): string {
  const result = spawnSync(
    process.execPath,
    [LUMAY, 'simulate', '--endpoint', baseUrl, '--key', apiKey, '--calls', String(calls), '--seed', String(seed)],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status !== 0) throw new Error(`lumay simulate failed: ${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}

/**
 * Exports the plane must refuse, so the rejection counters (and the alerts on them) have data:
 * one with a key that does not exist (unauthorized), one that is not OTLP (malformed), and one
 * well-formed export whose only span has an all-zero trace id (rejected by OTLP partial_success).
 */
export async function sendRejectedExports(baseUrl: string, apiKey: string): Promise<number[]> {
  const json = (key: string, body: string) =>
    fetch(`${baseUrl}/v1/traces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    }).then((r) => r.status);
  const zeroTraceSpan = {
    resourceSpans: [
      {
        resource: { attributes: [] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: '0'.repeat(32),
                spanId: '0102030405060708',
                name: 'call',
                kind: 1,
                startTimeUnixNano: '1',
                endTimeUnixNano: '2',
              },
            ],
          },
        ],
      },
    ],
  };
  return Promise.all([
    json('lmk_not-a-key', '{}'),
    json(apiKey, '{"resourceSpans": 7'),
    json(apiKey, JSON.stringify(zeroTraceSpan)),
  ]);
}
