import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@lumay/test-support';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** The `lumay` CLI: packages/cli when built, else the server's own bin. */
export function cliPath(): string {
  const cli = join(REPO, 'packages/cli/dist/main.js');
  return existsSync(cli) ? cli : join(REPO, 'packages/server/dist/cli/main.js');
}

export interface PlaneProcess {
  url: string;
  /** Tenant acme: an ingest+read key and an admin key; tenant other: a read key. */
  keys: { acme: string; admin: string; other: string };
  /** GET a JSON API path with a key. */
  get<T>(path: string, key: string): Promise<T>;
  /** Sends `calls` simulated calls to tenant acme and waits until the plane has stored them. */
  sendCalls(calls: number, seed: number, spreadMinutes: number): Promise<void>;
  stop(): Promise<void>;
}

function cli(dataDir: string, args: string[]): string {
  const res = spawnSync(process.execPath, [cliPath(), ...args], {
    env: { ...process.env, LUMAY_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`lumay ${args.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
}

function secretOf(output: string): string {
  const secret = output.split('\n').find((l) => /^lmk_\S+$/.test(l.trim()));
  if (!secret) throw new Error(`no key in CLI output: ${output}`);
  return secret.trim();
}

/**
 * A real plane as a user starts it (`lumay serve`) on free loopback ports over a temporary data
 * directory; tenants and keys made with the CLI before it starts (the CLI opens the directory).
 */
export async function startPlaneProcess(): Promise<PlaneProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lumay-console-'));
  cli(dataDir, ['tenant', 'create', 'acme', '--human-cost', '4.5']);
  cli(dataDir, ['tenant', 'create', 'other']);
  const keys = {
    acme: secretOf(cli(dataDir, ['key', 'create', 'acme', '--scopes', 'ingest,read'])),
    admin: secretOf(cli(dataDir, ['key', 'create', 'acme', '--scopes', 'admin'])),
    other: secretOf(cli(dataDir, ['key', 'create', 'other', '--scopes', 'ingest,read'])),
  };
  const [http, grpc] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(process.execPath, [cliPath(), 'serve'], {
    env: {
      ...process.env,
      LUMAY_DATA_DIR: dataDir,
      LUMAY_HTTP_PORT: String(http),
      LUMAY_GRPC_PORT: String(grpc),
      LUMAY_GRACE_SECONDS: '0.5',
      LUMAY_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${http}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('the plane did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  const get = async <T>(path: string, key: string): Promise<T> => {
    const res = await fetch(url + path, { headers: { authorization: `Bearer ${key}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    url,
    keys,
    get,
    async sendCalls(calls, seed, spreadMinutes) {
      const before = (await get<{ kpis: { calls: number } }>('/api/v1/kpis/summary', keys.acme)).kpis.calls;
      const sender = join(REPO, 'examples/send-calls/dist/main.js');
      const args = [
        sender,
        '--endpoint',
        url,
        '--key',
        keys.acme,
        '--calls',
        String(calls),
        '--seed',
        String(seed),
        '--spread-minutes',
        String(spreadMinutes),
      ];
      const res = spawnSync(process.execPath, args, { encoding: 'utf8' });
      if (res.status !== 0) throw new Error(`send-calls failed: ${res.stderr}`);
      const until = Date.now() + 20_000;
      while ((await get<{ kpis: { calls: number } }>('/api/v1/kpis/summary', keys.acme)).kpis.calls < before + calls) {
        if (Date.now() > until) throw new Error('the plane did not store the calls in time');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
