/**
 * Money with a currency in a real browser against the real server: the new-session form offers the
 * browser locale's currency, a session page says which currency every amount is in and changes it,
 * offers the one the advisor wrote in the company context while none is set, and the roadmap's
 * amounts follow; the exports read right with real readers. Screenshots in test-results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../support/harness.js';
import { pdfPages } from '../support/readers.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { workedQuarter } from '../support/workedQuarter.js';
import { launchBrowser, pageErrors, settled, startProduct, type Product } from './browserSupport.js';

const RESULTS = 'test-results';
let product: Product;
let browser: Browser;
let page: Page;
let errors: Error[];
let northwind: number;

/** A worked quarter of Northwind (every artifact, the roadmap with its money), brought in as a backup, no currency set. */
async function seedNorthwind(): Promise<number> {
  const h = harness(new ScriptedFacilitator());
  await workedQuarter(h, '2027-Q1');
  const archive = await (await h.app.request('/api/backup')).text();
  const res = await fetch(`${product.url}/api/restore`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: archive,
  });
  if (res.status !== 201) throw new Error(`restore: ${res.status} ${await res.text()}`);
  const { sessions } = (await (await fetch(`${product.url}/api/sessions`)).json()) as {
    sessions: Array<{ id: number }>;
  };
  return sessions[0]!.id;
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  // A Swiss advisor's browser: the form should offer CHF.
  page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'de-CH' });
  page.setDefaultTimeout(10_000);
  errors = pageErrors(page);
  northwind = await seedNorthwind();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const currencyOf = async (clientName: string) => {
  const { clients } = (await (await fetch(`${product.url}/api/clients`)).json()) as {
    clients: Array<{ name: string; currency: string | null }>;
  };
  return clients.find((c) => c.name === clientName)?.currency;
};

describe("a client's currency in the page", () => {
  it('asks for it with a new client, offering the browser locale’s, and refuses a code that is none', async () => {
    await page.goto(product.url);
    await page.fill('#new-client', 'Brenner Präzision AG');
    await page.fill('#new-industry', 'Precision machinery');
    expect(await page.inputValue('#new-currency')).toBe('CHF');
    await page.selectOption('#new-currency', 'other');
    await page.fill('.currency-picker .currency-code', 'XYZ');
    await expect
      .poll(() => page.locator('.new-session .currency-picker .field-error').innerText())
      .toMatch(/XYZ is not an ISO 4217/);
    // Nothing is created with a code that is none: the form says so beside the field.
    await page.click('button[type="submit"]:has-text("Start session")');
    await expect.poll(() => page.locator('#new-currency-error').innerText()).toMatch(/XYZ is not an ISO 4217/);
    expect(await currencyOf('Brenner Präzision AG')).toBeUndefined();
    await page.screenshot({ path: `${RESULTS}/currency-new-session.png`, fullPage: true });
    await page.fill('.currency-picker .currency-code', 'eur');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForSelector('main.session');
    expect(await page.inputValue('#client-currency')).toBe('EUR');
    expect(await currencyOf('Brenner Präzision AG')).toBe('EUR');
  });

  it('says when a client has none, and offers the one the advisor wrote in the company context', async () => {
    await page.goto(product.url);
    await page.fill('#new-client', 'Kestrel Freight');
    await page.fill('#new-industry', 'Logistics');
    await page.selectOption('#new-currency', '');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForSelector('main.session');
    await expect.poll(() => page.locator('[data-testid="client-currency"]').innerText()).toContain('currency not set');
    expect(await page.locator('[data-testid="client-currency"] button').count()).toBe(0);
    await page.fill('#composer-text', 'Revenue is £48M; the 2027 technology budget is £1.2M, of which £300k is free.');
    await page.click('button[type="submit"]:has-text("Send")');
    await settled(page);
    await page.click('[data-testid="client-currency"] button:has-text("Use GBP")');
    await expect.poll(() => page.inputValue('#client-currency')).toBe('GBP');
    expect(await currencyOf('Kestrel Freight')).toBe('GBP');
  });

  it('shows the roadmap’s amounts in the currency, and follows a change', async () => {
    await page.goto(`${product.url}/sessions/${northwind}`);
    await page.waitForSelector('main.session');
    await page.click('.artifact-pane button:has-text("Strategy synthesis")');
    await page.locator('.roadmap-table').waitFor();
    const row = () => page.locator('tr[data-entry-id="e2"]').innerText();
    expect(await row()).toContain('9.6M');
    expect(await row()).not.toMatch(/USD|EUR|\$/);
    expect(await page.locator('.amounts-note').innerText()).toBe(
      'Amounts are plain numbers: currency not set for this client.',
    );
    await page.selectOption('#client-currency', 'USD');
    await expect.poll(row).toContain('USD\u00a09.6M');
    expect(await row()).toContain('USD\u00a01.2M');
    expect(await page.locator('tr[data-entry-id="e2"] td[data-label="Cost"] .money').getAttribute('title')).toBe(
      'USD\u00a0380,000',
    );
    expect(await page.locator('.amounts-note').innerText()).toBe('Amounts in USD.');
    // The money columns sit at the table's right end: scroll there, as an advisor would.
    await page.locator('tr[data-entry-id="e2"]').scrollIntoViewIfNeeded();
    await page.locator('tr[data-entry-id="e2"] td[data-label="EV effect"]').evaluate((cell) => {
      for (let el = cell.parentElement; el; el = el.parentElement)
        if (el.scrollWidth > el.clientWidth) el.scrollLeft = el.scrollWidth;
    });
    // Not fullPage: that resizes the page and loses the table's scroll.
    await page.screenshot({ path: `${RESULTS}/currency-roadmap.png` });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.locator('tr[data-entry-id="e2"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/currency-roadmap-narrow.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 860 });
    expect(errors).toEqual([]);
  });

  it('exports the amounts with the currency, read by real readers', async () => {
    const get = async (path: string) =>
      new Uint8Array(await (await fetch(`${product.url}/api/sessions/${northwind}${path}`)).arrayBuffer());
    const pdf = pdfPages(await get('/export/memo.pdf')).join('\n');
    expect(pdf).toMatch(/USD\s9,600,000/);
    expect(pdf).toContain('Amounts in USD.');
    const csv = new TextDecoder().decode(await get('/export/roadmap.csv'));
    expect(csv.split('\r\n')[0]).toContain('One-off cost (USD)');
    writeFileSync(`${RESULTS}/currency-roadmap.csv`, csv);
    writeFileSync(`${RESULTS}/currency-memo.pdf`, await get('/export/memo.pdf'));
    writeFileSync(`${RESULTS}/currency-memo.docx`, await get('/export/memo.docx'));
  });
});
