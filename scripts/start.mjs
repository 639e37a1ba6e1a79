// `npm start`: runs `lumay serve` and, once it answers, feeds it demo calls through the official
// OpenTelemetry SDK (examples/send-calls) so a newcomer has data to look at. LUMAY_DEMO=0 skips
// the demo. Ctrl-C stops the plane cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dataDir = process.env.LUMAY_DATA_DIR ?? join(root, 'data');
const port = process.env.LUMAY_HTTP_PORT ?? '4318';
const host = process.env.LUMAY_HTTP_HOST ?? '127.0.0.1';
// The demo tenant assumes a person handles a call for $6 so the savings KPI has a value; set
// LUMAY_HUMAN_COST_PER_CALL_USD to your own figure (it applies when the tenant is first created).
const plane = spawn(process.execPath, [join(root, 'packages/server/dist/cli/main.js'), 'serve'], {
  stdio: 'inherit',
  env: { LUMAY_HUMAN_COST_PER_CALL_USD: '6', ...process.env, LUMAY_DATA_DIR: dataDir },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => plane.kill(signal));
plane.on('exit', (code) => process.exit(code ?? 0));

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

if (process.env.LUMAY_DEMO !== '0' && (await waitReady())) {
  const keysFile = join(dataDir, 'quickstart-keys.json');
  const sender = join(root, 'examples/send-calls/dist/main.js');
  if (existsSync(keysFile) && existsSync(sender)) {
    const { ingestKey } = JSON.parse(readFileSync(keysFile, 'utf8'));
    const calls = process.env.LUMAY_DEMO_CALLS ?? '300';
    const result = spawnSync(
      process.execPath,
      [sender, '--endpoint', `http://${host}:${port}`, '--key', ingestKey, '--calls', calls, '--seed', String(Date.now() % 100000)],
      { stdio: 'inherit' },
    );
    if (result.status === 0) console.log(`demo: sent ${calls} calls; KPIs appear once each call's grace period has passed`);
  }
}
