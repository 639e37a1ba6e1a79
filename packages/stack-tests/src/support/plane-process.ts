import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildLines, stopChild } from './child-process-lines.js';
import { REPO_ROOT } from './deploy-files.js';

/** The plane's command line, as an operator runs it (docs/configuration.md). */
const PLANE_CLI = join(REPO_ROOT, 'packages/server/dist/cli/main.js');

export interface RunningPlane {
  baseUrl: string;
  tenant: string;
  apiKey: string;
  /** The plane's stdout and stderr lines so far (JSON log lines and the start banner). */
  output: ChildLines;
  stop(): Promise<void>;
}

function cli(dataDir: string, args: string[]): string {
  const result = spawnSync(process.execPath, [PLANE_CLI, ...args], {
    env: { ...process.env, LUMAY_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`lumay ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/**
 * A real plane on a free loopback port with a fresh data directory, one tenant and an
 * ingest+read key made with the plane's own CLI. gRPC is off (the tests speak OTLP/HTTP).
 */
export async function startPlane(tenant: string): Promise<RunningPlane> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lumay-stack-plane-'));
  cli(dataDir, ['tenant', 'create', tenant]);
  // The key is printed alone on the last line ("… shown once:" then the key).
  const apiKey = cli(dataDir, ['key', 'create', tenant, '--scopes', 'ingest,read']).trim().split('\n').at(-1) ?? '';
  const child = spawn(process.execPath, [PLANE_CLI, 'serve'], {
    env: {
      ...process.env,
      LUMAY_DATA_DIR: dataDir,
      LUMAY_HTTP_PORT: '0',
      LUMAY_GRPC_PORT: '-1',
      LUMAY_GRACE_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new ChildLines(child);
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const listening = await output.waitFor(
      (line) => line.includes('Server listening at http://127.0.0.1:'),
      30_000,
      'the plane to listen',
    );
    const port = /127\.0\.0\.1:(\d+)/.exec(listening)?.[1];
    return { baseUrl: `http://127.0.0.1:${String(port)}`, tenant, apiKey, output, stop };
  } catch (error: unknown) {
    await stop();
    throw error;
  }
}
