/**
 * With no model configured the product runs the offline facilitator, and the page says so plainly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pageErrors, settled, startProduct, type Product } from './browserSupport.js';

let product: Product;
let browser: Browser;
let page: Page;
let errors: Error[];

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(10_000);
  errors = pageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('the page with the offline facilitator', () => {
  it('says in the header that no AI model is answering', async () => {
    await page.goto(product.url);
    await expect.poll(() => page.locator('[data-testid="provider"]').innerText()).toContain('Offline facilitator');
  });

  it('runs a quick sounding-board check: one step, and the offline reply arrives', async () => {
    await page.fill('#new-client', 'Fabrikam');
    await page.fill('#new-industry', 'Industrial IoT');
    await page.check('input[name="mode"][value="quick_check"]');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForURL(/\/sessions\/\d+$/);
    await page.waitForSelector('.message[data-role="assistant"]');
    expect(await page.locator('.step').count()).toBe(1);
    expect(await page.locator('.step').getAttribute('data-step')).toBe('sounding_board');
    expect(await page.locator('.step-heading').innerText()).toBe('Quick check · Sounding board');
    // A quick check has a sounding board and nothing else to export: the memo, not empty CSVs.
    const exports = await page.locator('.exports a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(exports.map((h) => h!.replace(/\/api\/sessions\/\d+/, ''))).toEqual([
      '/export/memo.md',
      '/export/memo.html',
      '/export/memo.pdf',
      '/export/memo.docx',
      '/export/deck.pptx',
    ]);
    const before = await page.locator('.messages .message').count();
    await page.fill(
      '#composer-text',
      'Recommendation: move the device fleet to a managed IoT platform in 2027, saving $300k a year.',
    );
    await page.press('#composer-text', 'Enter');
    await settled(page);
    expect(await page.locator('.messages .message').count()).toBe(before + 2);
    expect(await page.locator('.messages .message[data-role="assistant"]').last().getAttribute('data-status')).toBe(
      'complete',
    );
    expect(errors).toEqual([]);
  });
});
