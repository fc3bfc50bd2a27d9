/**
 * Managing the library in a real browser against the real server: rename a client, move a session
 * to the trash and undo it, the form's duplicate-quarter warning and carry-over choice, and a backup
 * downloaded and restored through the page. Screenshots in test-results/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { northwindArtifactsQ1 } from '../support/fixtures.js';
import { launchBrowser, pageErrors, startProduct, type Product } from './browserSupport.js';

const RESULTS = 'test-results';
let product: Product;
let browser: Browser;
let page: Page;
let errors: Error[];

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${product.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, any>>;
}

/** A session with a context of its own (a hand edit): work a later quarter can carry from. */
async function seed(clientName: string, industry: string, quarter: string) {
  const view = await api('POST', '/api/sessions', { clientName, industry, quarter });
  await api('PUT', `/api/sessions/${view.session.id}/artifacts/context`, { data: northwindArtifactsQ1().context });
  return view.session.id as number;
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
  page.setDefaultTimeout(10_000);
  errors = pageErrors(page);
  await seed('Northwind Logistics', 'Third-party logistics', '2027-Q1');
  await seed('Acme Retail', 'Retail', '2027-Q1');
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const clientNames = () => page.locator('.home-clients > .client-list .client-name').allInnerTexts();

describe('managing clients and sessions in the page', () => {
  it('renames a client in place', async () => {
    await page.goto(product.url);
    await page.click('summary[aria-label="Manage Northwind Logistics"]');
    await page.click('.manage-menu[open] button:has-text("Rename client")');
    await page.fill('.inline-rename input', 'Northwind Freight');
    await page.press('.inline-rename input', 'Enter');
    await expect.poll(clientNames).toEqual(['Acme Retail', 'Northwind Freight']);
    // A name another client has is refused beside the field, and nothing changes.
    await page.click('summary[aria-label="Manage Acme Retail"]');
    await page.click('.manage-menu[open] button:has-text("Rename client")');
    await page.fill('.inline-rename input', 'northwind freight');
    await page.click('.inline-rename button:has-text("Save")');
    await expect.poll(() => page.locator('.inline-rename .field-error').innerText()).toMatch(/already named/);
    await page.press('.inline-rename input', 'Escape');
    await expect.poll(clientNames).toEqual(['Acme Retail', 'Northwind Freight']);
  });

  it('moves a session to the trash with an undo, and the undo brings it back', async () => {
    await page.click('summary[aria-label="Manage the 2027-Q1 quarterly session"] >> nth=0');
    await page.click('.manage-menu[open] button:has-text("Move to trash")');
    await expect.poll(() => page.locator('.undo-bar').innerText()).toContain('Acme Retail 2027-Q1 is in the trash.');
    await expect.poll(() => page.locator('.trash-list li').count()).toBe(1);
    expect(await page.locator('.client[data-client-id] .session-link').count()).toBe(1);
    await page.screenshot({ path: `${RESULTS}/manage-trash-undo.png`, fullPage: true });
    await page.click('.undo-bar button:has-text("Undo")');
    await expect.poll(() => page.locator('.undo-bar').count()).toBe(0);
    await expect.poll(() => page.locator('.home-clients .session-link').count()).toBe(2);
    await expect.poll(() => page.locator('.trash-count').innerText()).toBe('empty');
  });

  it('warns about a quarter the client already has, offers it, and lets the advisor choose what to carry from', async () => {
    await page.fill('#new-client', 'Northwind Freight');
    // The form's own default quarter moves past the one the client has.
    await expect.poll(() => page.inputValue('#new-quarter')).toBe('2027-Q2');
    await expect
      .poll(() => page.locator('#new-carry-from option').allInnerTexts())
      .toEqual(['2027-Q1 · Quarterly session (latest with work)']);
    await page.fill('#new-quarter', '2027-Q1');
    await expect
      .poll(() => page.locator('.duplicate-warning').innerText())
      .toContain('Northwind Freight already has a quarterly session for 2027-Q1');
    expect(await page.isDisabled('button[type="submit"]:has-text("Start session")')).toBe(true);
    await page.screenshot({ path: `${RESULTS}/manage-duplicate-warning.png`, fullPage: true });
    await page.click('.duplicate-warning a:has-text("Open it")');
    await page.waitForURL(/\/sessions\/\d+$/);
    await page.goBack();
    await page.waitForSelector('.home-clients');
  });

  it('downloads a backup and restores it through the page, saying what came in', async () => {
    await page.goto(product.url);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a:has-text("Download a backup")'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^foresight-backup_\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const archive = JSON.parse(readFileSync(file, 'utf8'));
    expect(archive.counts).toMatchObject({ clients: 2, sessions: 2 });

    await page.setInputFiles('#restore-file', file);
    await page.click('.restore-form button:has-text("Restore")');
    await expect.poll(() => page.locator('.restore-report').innerText()).toContain('Restored.');
    const report = await page.locator('.restore-report').innerText();
    expect(report).toMatch(/2 clients, 2 sessions, \d+ messages, 2 artifact revisions/);
    expect(report).toMatch(/Northwind Freight \(restored \d{4}-\d{2}-\d{2}\): renamed from “Northwind Freight”/);
    await expect.poll(async () => (await clientNames()).length).toBe(4);
    await page.screenshot({ path: `${RESULTS}/manage-restored.png`, fullPage: true });

    // A file that is not a backup is refused with the reason, and nothing is added.
    await page.setInputFiles('#restore-file', {
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": 1}'),
    });
    await page.click('.restore-form button:has-text("Restore")');
    await expect
      .poll(() => page.locator('.backup .field-error').innerText())
      .toMatch(/not a Foresight Accelerator archive/);
    expect((await clientNames()).length).toBe(4);

    await page.setViewportSize({ width: 420, height: 860 });
    await page.click('summary[aria-label="Manage Acme Retail"]');
    await page.screenshot({ path: `${RESULTS}/manage-narrow.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 860 });
    expect(errors).toEqual([]);
  });

  it('lets the advisor choose the quarter a Radar Review compares with', async () => {
    const q1 = (await api('GET', '/api/sessions/plan?clientName=Northwind%20Freight&quarter=2027-Q2')).carryFrom[0].id;
    const q2 = await seed('Northwind Freight', 'Third-party logistics', '2027-Q2');
    const q3 = (
      await api('POST', '/api/sessions', { clientName: 'Northwind Freight', industry: 'x', quarter: '2027-Q3' })
    ).session.id;
    await page.goto(`${product.url}/sessions/${q3}`);
    const review = page.locator('.exports a:has-text("Radar Review vs")');
    await expect.poll(() => review.getAttribute('href')).toContain(`with=${q2}&`);
    expect(await review.innerText()).toBe('Radar Review vs 2027-Q2');
    await page.selectOption('.compare-with select', String(q1));
    await expect.poll(() => review.getAttribute('href')).toContain(`with=${q1}&`);
    expect(await review.innerText()).toBe('Radar Review vs 2027-Q1');
    await page.screenshot({ path: `${RESULTS}/manage-compare-with.png` });
    expect(errors).toEqual([]);
  });

  it('archives a client: off the list, under "Show archived clients", and back', async () => {
    await page.goto(product.url);
    await page.click('summary[aria-label="Manage Acme Retail"]');
    await page.click('.manage-menu[open] button:has-text("Archive")');
    await expect.poll(clientNames).not.toContain('Acme Retail');
    expect(await page.locator('.undo-bar').innerText()).toContain('Acme Retail is archived');
    await page.click('button:has-text("Show archived clients (1)")');
    await expect
      .poll(() => page.locator('.client-list-archived .client-name').allInnerTexts())
      .toEqual(['Acme Retail ARCHIVED']);
    await page.click('.undo-bar button:has-text("Undo")');
    await expect.poll(clientNames).toContain('Acme Retail');
    expect(errors).toEqual([]);
  });
});
