import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { SimulationTruth } from '@lumay/simulator';

/*
 * The fleet simulator against a real plane, both driven through the `lumay` command as an
 * operator would: tenants and keys created with the CLI, `lumay serve` on a free port over a
 * temporary data directory, `lumay simulate` with incidents writing its ground truth; then every
 * KPI of the plane's REST API must equal the truth.
 */
const lumay = fileURLToPath(new URL('./main.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'lumay-simulate-'));
const env = { ...process.env, LUMAY_DATA_DIR: dataDir, LUMAY_HTTP_PORT: '0', LUMAY_GRPC_PORT: '-1', LUMAY_GRACE_SECONDS: '0.2', LUMAY_LOG_LEVEL: 'warn' };

function run(...args: string[]): string {
  const result = spawnSync(process.execPath, [lumay, ...args], { env, encoding: 'utf8' });
  assert.equal(result.status, 0, `lumay ${args.join(' ')}: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** `lumay key create` prints the secret alone on its last line. */
function createKey(tenant: string): string {
  run('tenant', 'create', tenant);
  return run('key', 'create', tenant, '--scopes', 'ingest,read').trim().split('\n').at(-1) ?? '';
}

/** A port free right now on loopback: the kernel picks it, we release it for the plane. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `lumay serve` as its own process, ready once /readyz answers. */
async function serve(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [lumay, 'serve'], { env: { ...env, LUMAY_HTTP_PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300 && child.exitCode === null; attempt++) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`lumay serve did not become ready on ${url}`);
}

async function getJson(url: string, key: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(response.status, 200, url);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * The plane reads duration percentiles from a log-scale histogram with 5% buckets, so they are
 * within half a bucket of the exact value (the plane's documented error); nothing else may differ.
 */
const PERCENTILE_RELATIVE_ERROR = Math.sqrt(1.05) - 1;

/** Counts and labels are compared exactly; rates and means to float rounding (SQL sums in another order). */
function assertKpi(actual: unknown, expected: unknown, path: string): void {
  if (/p(50|90)DurationMs$/.test(path) && typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= PERCENTILE_RELATIVE_ERROR * expected, `${path}: ${actual} ≠ ${expected} within the histogram's error`);
  } else if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
    assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${path}: ${actual} ≠ ${expected}`);
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: ${String(actual)} is not an object`);
    for (const [key, value] of Object.entries(expected)) assertKpi((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    if (!Array.isArray(expected) && path.endsWith('workItems')) assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), path);
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

describe('lumay simulate against lumay serve', () => {
  const keys = { acme: '', globex: '' };
  let plane: { child: ChildProcess; url: string };
  before(async () => {
    keys.acme = createKey('acme');
    keys.globex = createKey('globex');
    plane = await serve();
  });
  after(() => {
    plane.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the KPIs the plane reports equal the ground truth the simulator wrote, per tenant, incidents included', async () => {
    const truthFile = join(dataDir, 'truth.json');
    const incidents = ['slow-llm:3', 'failing-crm:0.5', 'escalating-version:support-agent@2.5.0:0.6'].flatMap((i) => ['--incident', i]);
    run('simulate', '--endpoint', plane.url, '--key', `acme=${keys.acme}`, '--key', `globex=${keys.globex}`, '--calls', '150', '--seed', '7', ...incidents, '--truth-file', truthFile, '--quiet');
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as SimulationTruth;
    assert.deepEqual(truth.tenants.map((t) => [t.tenant, t.calls]), [['acme', 75], ['globex', 75]]);

    for (const tenant of truth.tenants) {
      const key = keys[tenant.tenant as keyof typeof keys];
      const window = tenant.truth.window;
      assert.ok(window);
      const query = `from=${window.fromMs}&to=${window.toMs}`;
      let kpis: Record<string, unknown> = {};
      // Calls count once their grace period has passed; wait until all of them have.
      for (let attempt = 0; attempt < 200 && kpis.calls !== tenant.truth.kpis.calls; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
        kpis = (await getJson(`${plane.url}/api/v1/kpis/summary?${query}`, key)).kpis as Record<string, unknown>;
      }
      assertKpi(kpis, tenant.truth.kpis, `${tenant.tenant}.kpis`);

      const connectors = (await getJson(`${plane.url}/api/v1/connectors?${query}`, key)).connectors as Record<string, unknown>[];
      const byName = new Map(connectors.map((c) => [c.connector ?? c.name, c]));
      for (const expected of tenant.truth.connectors) {
        const actual = byName.get(expected.connector);
        assert.ok(actual, `${tenant.tenant}: connector ${expected.connector} reported`);
        assertKpi(actual.calls, expected.calls, `${tenant.tenant}.${expected.connector}.calls`);
        assertKpi(actual.successes, expected.successes, `${tenant.tenant}.${expected.connector}.successes`);
      }
    }
    const crm = truth.tenants[0].truth.connectors.find((c) => c.connector === 'crm');
    assert.ok(crm && (crm.successRate ?? 1) < 0.8, 'the failing-CRM incident shows in the truth and therefore in the plane');
  });
});
