/*
 * Measures the console's load on localhost against a real plane with 500 calls: bundle size
 * (raw and gzip) and, over 5 reloads of the signed-in overview, first contentful paint and the
 * first meaningful paint (the moment the headline KPI values are on screen).
 * Run: node packages/console/dist/measure-paint.js
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './test-support/browser.js';
import { startPlaneProcess, REPO } from './test-support/plane-process.js';

const assets = join(REPO, 'packages/console/dist/app/assets');
let raw = 0;
let gz = 0;
for (const name of readdirSync(assets)) {
  const body = readFileSync(join(assets, name));
  raw += body.length;
  gz += gzipSync(body, { level: 9 }).length;
  console.log(
    `${name}: ${(body.length / 1024).toFixed(1)} KiB, gzip ${(gzipSync(body, { level: 9 }).length / 1024).toFixed(1)} KiB`,
  );
}
console.log(`bundle total: ${(raw / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB`);

const plane = await startPlaneProcess();
const chromium = await launchChromium();
try {
  await plane.sendCalls(500, 5, 360);
  const page = await chromium.context.newPage();
  await page.goto(plane.url + '/');
  await page.getByLabel('API key').fill(plane.keys.acme);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-kpi="containment"] .kpi-value').waitFor();
  const runs: { fcp: number; fmp: number }[] = [];
  for (let i = 0; i < 5; i++) {
    await page.reload();
    await page.locator('[data-kpi="containment"] .kpi-value').waitFor();
    // Two animation frames after the values are in the DOM: they have been painted.
    const fmp = await page.evaluate(
      () => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))),
    );
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    runs.push({ fcp, fmp });
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  console.log(
    `first contentful paint: median ${median(runs.map((r) => r.fcp)).toFixed(0)} ms (${runs.map((r) => r.fcp.toFixed(0)).join(', ')})`,
  );
  console.log(
    `first meaningful paint (headline KPIs shown): median ${median(runs.map((r) => r.fmp)).toFixed(0)} ms (${runs.map((r) => r.fmp.toFixed(0)).join(', ')})`,
  );
} finally {
  await chromium.close();
  await plane.stop();
}
