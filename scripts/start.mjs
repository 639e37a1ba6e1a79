// `npm start`: runs `lumay serve` and, once it answers, feeds it with the fleet simulator
// (`lumay simulate`, through @lumay/telemetry) so a newcomer has data to look at: a backfill of
// LUMAY_DEMO_CALLS calls over the last hours, then a gentle live stream of LUMAY_DEMO_RATE calls
// per second (0 = no live stream). LUMAY_DEMO=0 skips both. Ctrl-C stops everything cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dataDir = process.env.LUMAY_DATA_DIR ?? join(root, 'data');
const port = process.env.LUMAY_HTTP_PORT ?? '4318';
const host = process.env.LUMAY_HTTP_HOST ?? '127.0.0.1';
// The demo tenant assumes a person handles a call for $6 so the savings KPI has a value; set
// LUMAY_HUMAN_COST_PER_CALL_USD to your own figure (it applies when the tenant is first created).
const lumay = join(root, 'packages/cli/dist/main.js');
const plane = spawn(process.execPath, [lumay, 'serve'], {
  stdio: 'inherit',
  env: { LUMAY_HUMAN_COST_PER_CALL_USD: '6', ...process.env, LUMAY_DATA_DIR: dataDir },
});
let feeder = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    feeder?.kill(signal);
    plane.kill(signal);
  });
}
plane.on('exit', (code) => {
  feeder?.kill('SIGTERM');
  process.exit(code ?? 0);
});

async function waitReady() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://${host}:${port}/readyz`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

// The plane answers before it has written the keys of a new data directory (the default tenant is
// made once it serves), so on a first start the file appears a moment after /readyz does.
async function waitForKeys(keysFile) {
  for (let i = 0; i < 100; i++) {
    if (existsSync(keysFile)) {
      try {
        return JSON.parse(readFileSync(keysFile, 'utf8'));
      } catch {
        // still being written
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

if (process.env.LUMAY_DEMO !== '0' && (await waitReady())) {
  const keys = await waitForKeys(join(dataDir, 'quickstart-keys.json'));
  if (keys) {
    const { ingestKey } = keys;
    const endpoint = `http://${host}:${port}`;
    const calls = process.env.LUMAY_DEMO_CALLS ?? '300';
    const rate = process.env.LUMAY_DEMO_RATE ?? '0.5';
    const seed = Date.now() % 100000;
    const common = ['simulate', '--endpoint', endpoint, '--key', `default=${ingestKey}`];
    const backfill = spawnSync(process.execPath, [lumay, ...common, '--seed', String(seed), '--calls', calls], { stdio: 'inherit' });
    if (backfill.status === 0) console.log(`demo: sent ${calls} calls; KPIs appear once each call's grace period has passed`);
    if (Number(rate) > 0) {
      // Another seed than the backfill's, so the live calls are new calls, not replays of it.
      feeder = spawn(process.execPath, [lumay, ...common, '--seed', String(seed + 1), '--rate', rate, '--quiet'], { stdio: 'inherit' });
      console.log(`demo: simulating ${rate} calls/s live (LUMAY_DEMO_RATE=0 turns it off)`);
    }
  }
}
