import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, CHROMIUM } from './browser.js';
import { startPlaneProcess, REPO, type PlaneProcess } from './plane-process.js';
import { missingFile } from '@lumay/test-support';

/** Screenshots of every page land here (ignored by git). */
export const ARTIFACTS = join(REPO, 'packages/console/test-artifacts');

/** The `skip` option of a browser suite: loud without Chromium on a laptop, a failure under CI=true. */
export const WITHOUT_CHROMIUM = missingFile(CHROMIUM, 'apt-get install -y --no-install-recommends chromium');

export interface ConsoleSuite {
  plane: PlaneProcess | null;
  page: Page;
}

/**
 * Registers the hooks of a browser suite: a real plane (`lumay serve` on free ports, keys from the
 * CLI) fed with `calls` calls spread over `spreadMinutes`, and one Chromium page; both closed after.
 */
export function consoleSuite(calls: number, seed: number, spreadMinutes: number): ConsoleSuite {
  const suite = { plane: null, page: undefined } as unknown as ConsoleSuite;
  let close: (() => Promise<void>) | null = null;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    suite.plane = await startPlaneProcess();
    await suite.plane.sendCalls(calls, seed, spreadMinutes);
    const chromium = await launchChromium();
    close = chromium.close;
    suite.page = await chromium.context.newPage();
  });
  after(async () => {
    await close?.();
    await suite.plane?.stop();
  });
  return suite;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
