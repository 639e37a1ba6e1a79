import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { PlaneProcess } from './test-support/plane-process.js';
import { WITHOUT_CHROMIUM, consoleSuite, shot } from './test-support/console-suite.js';


interface Summary {
  kpis: {
    calls: number;
    totalCostUsd: number;
    surveys: { csatScore: number | null; csatResponses: number };
  };
}

/** Waits until an element's data-value is the given number (the raw value its text is formatted from). */
/**
 * Waits for a card to show `value`: the pages read the overview, whose sums over the series' buckets
 * may differ from the summary's in their last bits (the order of the additions) and no more.
 */
async function waitForValue(page: Page, selector: string, value: number | null): Promise<void> {
  await page.waitForFunction(
    ([sel, v]) => {
      const shown = document.querySelector(sel)?.getAttribute('data-value');
      if (shown === undefined || shown === null) return false;
      if (v === null || shown === '') return shown === '' && v === null;
      return Math.abs(Number(shown) - v) <= 1e-12 * Math.max(1, Math.abs(v));
    },
    [selector, value] as const,
    { timeout: 15_000 },
  );
}

async function send(plane: PlaneProcess, method: string, path: string, key: string, body: unknown): Promise<Response> {
  return fetch(plane.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe(
  'the Business page against a real plane, in Chromium',
  { skip: WITHOUT_CHROMIUM },
  () => {
    const suite = consoleSuite(40, 7, 120);
    let plane: PlaneProcess | null = null;
    let page: Page;
    before(() => {
      ({ plane, page } = suite);
    });

    it('says plainly that surveys are not configured, on the overview and the Business page', async () => {
      assert.ok(plane, 'the plane started');
      await page.goto(plane.url + '/');
      await page.getByLabel('API key').fill(plane.keys.admin);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('Tenant').selectOption('acme');
      await page.locator('[data-kpi="csat"] .kpi-value').waitFor();
      assert.equal(await page.locator('[data-kpi="csat"] .kpi-value').innerText(), 'no surveys posted');
      assert.equal(await page.locator('[data-kpi="nps"] .kpi-value').innerText(), 'no surveys posted');
      await page.getByRole('link', { name: 'Business', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/business');
      await page.getByTestId('survey-results').getByText('No survey results yet').waitFor();
      await page.getByTestId('price-book-in-effect').waitFor();
      await shot(page, '20-business');
    });

    it('a price-book version dated in the past re-prices stored calls and the Cost page shows the new total', async () => {
      assert.ok(plane, 'the plane started');
      const before = (await plane.get<Summary>('/api/v1/kpis/summary', plane.keys.acme)).kpis;
      const form = page.getByRole('form', { name: 'Add a price-book version' });
      const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
      await form.getByLabel('Effective from').fill(twoDaysAgo);
      await form.getByLabel('Note').fill('carrier surcharge');
      // A telephony entry naming nothing prices every telephony minute of the tenant.
      await form.getByLabel(/^Entries/).fill('[{"component": "telephony", "perMinuteUsd": 0.5}]');
      await form.getByRole('button', { name: 'Add version' }).click();
      const result = await page.getByTestId('price-book-result').innerText();
      const match = /(\d+) stored calls re-priced/.exec(result);
      assert.ok(match, `the form reports the re-priced calls: ${result}`);
      const repriced = Number(match[1]);
      assert.ok(repriced > 0 && repriced <= before.calls, `${repriced} of ${before.calls} calls re-priced`);
      await page.locator('table[aria-label="Price-book versions"] tbody tr', { hasText: 'carrier surcharge' }).waitFor();
      assert.match(await page.getByTestId('price-book-in-effect').innerText(), new RegExp(twoDaysAgo));
      await shot(page, '21-business-price-book-added');

      const afterKpis = (await plane.get<Summary>('/api/v1/kpis/summary', plane.keys.acme)).kpis;
      assert.notEqual(afterKpis.totalCostUsd, before.totalCostUsd, 'the re-pricing changed the total');
      await page.getByRole('link', { name: 'Cost', exact: true }).click();
      await waitForValue(page, '[data-kpi="total-cost"] .kpi-value', afterKpis.totalCostUsd);
      await shot(page, '22-cost-after-reprice');

      // A refused version shows the plane's own message, word for word.
      await page.getByRole('link', { name: 'Business', exact: true }).click();
      const bad = [{ component: 'telephony', perMinuteUSD: 0.5 }];
      const refused = await send(plane, 'POST', '/api/v1/tenants/acme/price-book/versions', plane.keys.admin, {
        effectiveFrom: twoDaysAgo,
        entries: bad,
      });
      assert.equal(refused.status, 400);
      const message = ((await refused.json()) as { error: { message: string } }).error.message;
      await form.getByLabel('Effective from').fill(twoDaysAgo);
      await form.getByLabel(/^Entries/).fill(JSON.stringify(bad));
      await form.getByRole('button', { name: 'Add version' }).click();
      assert.equal(await page.getByTestId('price-book-error').innerText(), message);
    });

    it('a KPI defined through the form shows the API\u2019s value; a bad definition shows the API\u2019s message', async () => {
      assert.ok(plane, 'the plane started');
      const form = page.getByRole('form', { name: 'Define a KPI' });
      await form.getByLabel('KPI id').fill('inbound_calls');
      await form.getByLabel(/^Definition/).fill(
        JSON.stringify({
          name: 'Inbound calls',
          description: 'Calls the customers made',
          unit: 'count',
          measure: { source: 'calls', aggregate: 'count', filters: [{ field: 'direction', op: 'eq', value: 'inbound' }] },
        }),
      );
      await form.getByRole('button', { name: 'Save KPI' }).click();
      await page.locator('[data-custom-kpi="inbound_calls"] .kpi-value').waitFor();
      const api = await plane.get<{ kpis: { id: string; value: number | null }[] }>('/api/v1/kpis/custom', plane.keys.acme);
      const value = api.kpis.find((k) => k.id === 'inbound_calls')?.value ?? null;
      assert.ok(value !== null && value > 0, 'the fixture has inbound calls');
      await waitForValue(page, '[data-custom-kpi="inbound_calls"] .kpi-value', value);

      const bad = { name: 'Bad', measure: { source: 'calls', aggregate: 'sum', field: 'cost_usd; drop table calls' } };
      const refused = await send(plane, 'PUT', '/api/v1/tenants/acme/kpis/bad_kpi', plane.keys.admin, bad);
      assert.equal(refused.status, 400);
      const message = ((await refused.json()) as { error: { message: string } }).error.message;
      await form.getByLabel('KPI id').fill('bad_kpi');
      await form.getByLabel(/^Definition/).fill(JSON.stringify(bad));
      await form.getByRole('button', { name: 'Save KPI' }).click();
      assert.equal(await page.getByTestId('kpi-error').innerText(), message);
      assert.equal(await page.locator('[data-custom-kpi="bad_kpi"]').count(), 0);
      await shot(page, '23-business-kpis');
    });

    it('shows the CSAT once a survey result is posted', async () => {
      assert.ok(plane, 'the plane started');
      const window = `from=${Date.now() - 86_400_000}&to=${Date.now() + 60_000}`;
      const calls = await plane.get<{ items: { callId: string }[] }>(`/api/v1/calls?limit=1&${window}`, plane.keys.acme);
      const callId = calls.items[0]?.callId;
      assert.ok(callId, 'a stored call to survey');
      const posted = await send(plane, 'POST', '/api/v1/surveys', plane.keys.acme, { callId, csat: 5, nps: 9 });
      assert.equal(posted.status, 202);
      const api = (await plane.get<Summary>('/api/v1/kpis/summary', plane.keys.acme)).kpis;
      assert.equal(api.surveys.csatResponses, 1);
      await page.reload();
      await waitForValue(page, '[data-testid="csat"]', api.surveys.csatScore);
      assert.match(await page.getByTestId('csat').innerText(), /^100\.0%/);
      await shot(page, '24-business-surveys');
      await page.getByRole('link', { name: 'Overview', exact: true }).click();
      await waitForValue(page, '[data-kpi="csat"] .kpi-value', api.surveys.csatScore);
    });
  },
);
