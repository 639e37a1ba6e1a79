import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { PlaneProcess } from './test-support/plane-process.js';
import { WITHOUT_CHROMIUM, consoleSuite, shot } from './test-support/console-suite.js';


interface Summary {
  kpis: {
    calls: number;
    containmentRate: number | null;
    connectorSuccessRate: number | null;
    costPerResolvedUsd: number | null;
  };
}

/** The number a KPI card shows, from its data-value attribute (the raw value the text is formatted from). */
async function cardValue(page: Page, kpi: string): Promise<number | null> {
  const raw = await page.locator(`[data-kpi="${kpi}"] .kpi-value`).first().getAttribute('data-value');
  return raw === null || raw === '' ? null : Number(raw);
}

/**
 * A card shows the API's number: the overview's, which sums the series' buckets, so a sum of costs
 * may differ from the summary's in its last bits (the order of the additions) and no more.
 */
function assertSameNumber(actual: number | null, expected: number | null, what: string): void {
  if (actual === null || expected === null) return assert.equal(actual, expected, what);
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);
}

describe(
  'the console against a real plane, in Chromium',
  { skip: WITHOUT_CHROMIUM },
  () => {
    const suite = consoleSuite(160, 11, 180);
    let plane: PlaneProcess | null = null;
    let page: Page;
    before(() => {
      ({ plane, page } = suite);
    });

    it('signs in with a read key and shows the API\u2019s numbers on the overview', async () => {
      assert.ok(plane, 'the plane started');
      await page.goto(plane.url + '/');
      await page.getByLabel('API key').fill('lmk_wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      assert.match(await page.getByRole('alert').innerText(), /not accepted/);
      await shot(page, '01-sign-in-error');
      await page.getByLabel('API key').fill(plane.keys.acme);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[data-kpi="containment"] .kpi-value').waitFor();
      const api = (await plane.get<Summary>('/api/v1/kpis/summary', plane.keys.acme)).kpis;
      assert.ok(api.calls >= 160);
      assert.equal(await cardValue(page, 'calls'), api.calls);
      assertSameNumber(await cardValue(page, 'containment'), api.containmentRate, 'containment');
      assertSameNumber(await cardValue(page, 'connector-success'), api.connectorSuccessRate, 'connector success');
      assertSameNumber(await cardValue(page, 'cost-per-outcome'), api.costPerResolvedUsd, 'cost per outcome');
      // The text is the same number, formatted: containment as a percentage with one decimal.
      const text = await page.locator('[data-kpi="containment"] .kpi-value').innerText();
      assert.equal(text, `${((api.containmentRate ?? 0) * 100).toFixed(1)}%`);
      await page.locator('.live-dot.live').waitFor();
      await shot(page, '02-overview');
    });

    it('filters change the numbers and live in the URL', async () => {
      assert.ok(plane, 'the plane started');
      await page.getByLabel('Direction').selectOption('outbound');
      await page.waitForURL(/direction=outbound/);
      const api = (await plane.get<Summary>('/api/v1/kpis/summary?direction=outbound', plane.keys.acme)).kpis;
      const all = (await plane.get<Summary>('/api/v1/kpis/summary', plane.keys.acme)).kpis;
      assert.notEqual(api.calls, all.calls, 'the fixture has inbound and outbound calls');
      await page.waitForFunction(
        (n) => document.querySelector('[data-kpi="calls"] .kpi-value')?.getAttribute('data-value') === String(n),
        api.calls,
      );
      assertSameNumber(await cardValue(page, 'containment'), api.containmentRate, 'containment');
      // Reloading keeps the filter: it is in the URL.
      await page.reload();
      await page.waitForFunction(
        (n) => document.querySelector('[data-kpi="calls"] .kpi-value')?.getAttribute('data-value') === String(n),
        api.calls,
      );
      await page.getByLabel('Direction').selectOption('');
      await page.waitForFunction(
        (n) => document.querySelector('[data-kpi="calls"] .kpi-value')?.getAttribute('data-value') === String(n),
        all.calls,
      );
    });

    it('a live update arrives without reloading', async () => {
      assert.ok(plane, 'the plane started');
      const before = await cardValue(page, 'calls');
      assert.ok(before !== null);
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
      await plane.sendCalls(6, 99, 15);
      await page.waitForFunction(
        (n) => document.querySelector('[data-kpi="calls"] .kpi-value')?.getAttribute('data-value') === String(n),
        before + 6,
        { timeout: 15_000 },
      );
      assert.equal(
        await page.evaluate(() => (window as unknown as { marker?: number }).marker),
        42,
        'the page was not reloaded',
      );
      assert.ok((await page.locator('.live-feed li').count()) > 0, 'arriving calls are listed');
      await shot(page, '03-overview-after-live-update');
    });

    it('an insight leads to its calls, and a call page shows its waterfall and bottleneck', async () => {
      assert.ok(plane, 'the plane started');
      await page.getByRole('link', { name: 'Insights' }).click();
      await page.locator('[data-insight="latency"] [data-example-call]').first().waitFor();
      await page.locator('.versions').waitFor();
      await shot(page, '04-insights');
      const example = page.locator('[data-insight="latency"] [data-example-call]').first();
      const callId = await example.getAttribute('data-example-call');
      assert.ok(callId);
      await example.click();
      await page.waitForURL(new RegExp(`/calls/${encodeURIComponent(callId)}$`));
      await page.locator('.waterfall tbody tr').first().waitFor();
      const detail = await plane.get<{
        bottleneck: { stage: string | null; spanId: string | null };
        waterfall: unknown[];
      }>(`/api/v1/calls/${encodeURIComponent(callId)}`, plane.keys.acme);
      assert.equal(await page.locator('.waterfall tbody tr').count(), detail.waterfall.length);
      assert.ok(detail.bottleneck.stage, 'the example call has a bottleneck');
      assert.equal(await page.locator('.waterfall tr[data-bottleneck="true"]').count(), 1);
      assert.match(
        await page.getByTestId('bottleneck-summary').innerText(),
        new RegExp(`bottleneck: ${detail.bottleneck.stage}`),
      );
      await shot(page, '05-call');
      // A deep link loads the app from the server's fallback, in a fresh tab that signs in again.
      const fresh = await page.context().newPage();
      await fresh.goto(`${plane.url}/calls/${encodeURIComponent(callId)}`);
      await fresh.getByLabel('API key').waitFor();
      await fresh.close();
    });

    it('the other pages load and the explorer pages through calls', async () => {
      assert.ok(plane, 'the plane started');
      for (const [name, path, ready] of [
        ['06-trends', '/trends?kpi=escalation', '.chart canvas'],
        ['07-connectors', '/connectors', 'table[aria-label="Connector health"] tbody tr'],
        ['08-cost', '/cost', '.chart canvas'],
        ['09-calls', '/calls', 'table[aria-label="Calls"] tbody tr'],
      ] as const) {
        await page
          .getByRole('link', { name: name.slice(3).replace(/^./, (c) => c.toUpperCase()), exact: true })
          .click();
        await page.waitForURL((u) => u.pathname === path.split('?')[0]);
        if (path.includes('?')) await page.goto(plane.url + path);
        await page.locator(ready).first().waitFor();
        await shot(page, name);
      }
      await page.goto(plane.url + '/cost');
      const cost = await plane.get<{ components: { component: string; totalUsd: number }[] }>(
        '/api/v1/insights/cost',
        plane.keys.acme,
      );
      const llm = cost.components.find((c) => c.component === 'llm');
      const llmRow = page.locator('table[aria-label="Cost by component"] tbody tr', { hasText: 'llm' });
      await llmRow.waitFor();
      assert.equal(await llmRow.locator('td').first().innerText(), `$${(llm?.totalUsd ?? 0).toFixed(3)}`);
      await page.goto(plane.url + '/calls');
      await page.locator('table[aria-label="Calls"] tbody tr').first().waitFor();
      const firstPage = await page.locator('table[aria-label="Calls"] tbody tr').count();
      assert.equal(firstPage, 50);
      await page.getByRole('button', { name: 'Next →' }).click();
      await page.waitForURL(/cursor=/);
      await page.locator('table[aria-label="Calls"] tbody tr').first().waitFor();
      const api = (await plane.get<Summary>('/api/v1/kpis/summary', plane.keys.acme)).kpis;
      assert.equal(await page.locator('table[aria-label="Calls"] tbody tr').count(), Math.min(50, api.calls - 50));
      // Sorting is the plane's, across pages: the first row sorted by duration is the API's longest call.
      await page.getByRole('button', { name: 'Duration' }).click();
      await page.waitForURL((u) => u.searchParams.get('sort') === 'duration' && !u.searchParams.has('cursor'));
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const longest = await plane.get<{ items: { callId: string }[] }>(
        `/api/v1/calls?from=${from}&to=${new Date().toISOString()}&sort=duration&order=desc&limit=1`,
        plane.keys.acme,
      );
      const firstCall = page.locator('table[aria-label="Calls"] tbody tr').first().locator('td').nth(1).locator('a');
      await page.waitForFunction(
        (id) => document.querySelector('table[aria-label="Calls"] tbody tr td:nth-child(2) a')?.textContent === id,
        longest.items[0]?.callId ?? '',
      );
      assert.equal(await firstCall.innerText(), longest.items[0]?.callId);
    });

    it('works from the keyboard', async () => {
      assert.ok(plane, 'the plane started');
      await page.goto(plane.url + '/');
      await page.locator('[data-kpi="calls"]').waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
      // Tab through the header to the Calls link and follow it with Enter.
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Calls') break;
      }
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Calls');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === '/calls');
      await page.locator('table[aria-label="Calls"] tbody tr').first().waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'focus moves to the new page');
    });

    it('fits a tablet’s width without sideways scrolling', async () => {
      assert.ok(plane, 'the plane started');
      await page.setViewportSize({ width: 820, height: 1180 });
      for (const [name, path, ready] of [
        ['11-tablet-overview', '/', '[data-kpi="calls"]'],
        ['12-tablet-insights', '/insights', '[data-insight="latency"]'],
      ] as const) {
        await page.goto(plane.url + path);
        await page.locator(ready).first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
        await shot(page, name);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
    });

    it('an admin key switches tenants; a tenant key sees only its own', async () => {
      assert.ok(plane, 'the plane started');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('API key').fill(plane.keys.admin);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('Tenant').waitFor();
      await page.getByLabel('Tenant').selectOption('acme');
      await page.waitForFunction(
        () => Number(document.querySelector('[data-kpi="calls"] .kpi-value')?.getAttribute('data-value')) > 0,
      );
      await page.getByLabel('Tenant').selectOption('other');
      await page.getByText('No calls in this window').waitFor();
      await shot(page, '10-admin-empty-tenant');
      const other = await plane.get<Summary>('/api/v1/insights', plane.keys.other);
      assert.equal((other as unknown as { calls: number }).calls, 0, 'tenant other sees none of acme\u2019s calls');
    });
  },
);
