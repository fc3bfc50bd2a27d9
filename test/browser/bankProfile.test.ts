/**
 * The offline question banks that fit the client: shown under the session's title, inferred from
 * the client's industry and region, and changed with two selects.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pageErrors, settled, startProduct, type Product } from './browserSupport.js';

let product: Product;
let browser: Browser;
let page: Page;
let errors: Error[];

/** A new session through the API, as the page's form would start it (with a region when given). */
async function createSession(body: Record<string, unknown>): Promise<number> {
  const created = await fetch(`${product.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: product.url },
    body: JSON.stringify({ quarter: '2027-Q1', ...body }),
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { session: { id: number } }).session.id;
}

const industrySelect = () => page.locator('select[aria-label="Industry profile of the question banks"]');
const regionSelect = () => page.locator('select[aria-label="Region of the question banks"]');

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  page.setDefaultTimeout(15_000);
  errors = pageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('the question banks that fit the client, in the page', () => {
  it('shows the banks a US carrier starts with and changes them with the selects', async () => {
    const id = await createSession({ clientName: 'Ridgeline Freight', industry: 'Truckload carrier', region: 'us' });
    await page.goto(`${product.url}/sessions/${id}`);
    await settled(page);
    const [industry, region] = [industrySelect(), regionSelect()];
    expect(await industry.inputValue()).toBe('logistics');
    expect(await region.inputValue()).toBe('us');
    // The opening asks for the carrier's own key numbers, in dollars.
    expect(await page.locator('.message[data-role="assistant"]').first().innerText()).toContain('revenue $212M');
    await page.screenshot({ path: 'test-results/bank-profile-1366.png' });

    await region.selectOption('uk');
    await expect
      .poll(async () => {
        const view = (await (await fetch(`${product.url}/api/sessions/${id}`)).json()) as {
          client: { profile: { region: string }; profileChosen: boolean };
        };
        return view.client.profile.region;
      })
      .toBe('uk');
    await expect.poll(() => region.inputValue()).toBe('uk');
    await page.setViewportSize({ width: 420, height: 860 });
    await page.screenshot({ path: 'test-results/bank-profile-420.png', fullPage: false });
    expect(errors).toEqual([]);
  });

  it("says when the banks are the industry's suggestion, until the advisor picks one", async () => {
    await page.setViewportSize({ width: 1366, height: 860 });
    const id = await createSession({
      clientName: 'Brightwater Dental Partners',
      industry: 'Dental practice group, England',
    });
    await page.goto(`${product.url}/sessions/${id}`);
    await settled(page);
    const picker = page.getByTestId('bank-profile');
    expect(await industrySelect().inputValue()).toBe('healthcare_dental');
    expect(await regionSelect().inputValue()).toBe('uk');
    expect(await picker.innerText()).toContain('as its industry suggests');
    await page.screenshot({ path: 'test-results/bank-profile-inferred-1366.png' });

    await industrySelect().selectOption('professional_services');
    await expect.poll(() => picker.innerText()).not.toContain('as its industry suggests');
    expect(await industrySelect().inputValue()).toBe('professional_services');
    expect(await regionSelect().inputValue()).toBe('uk');
    // Both selects and the label fit beside the currency at 1366 and wrap without clipping at 420.
    for (const width of [1366, 420]) {
      await page.setViewportSize({ width, height: 860 });
      const box = (await picker.boundingBox())!;
      const region = (await regionSelect().boundingBox())!;
      expect(region.x + region.width).toBeLessThanOrEqual(Math.min(width, box.x + box.width) + 0.5);
    }
    await page.screenshot({ path: 'test-results/bank-profile-chosen-420.png' });
    expect(errors).toEqual([]);
  });

  it('takes a new client’s region in the new-session form, and leaves it to the industry unless picked', async () => {
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.goto(product.url);
    await page.fill('#new-client', 'Contoso Freight');
    await page.fill('#new-industry', 'Truckload carrier');
    await page.fill('#new-quarter', '2027-Q1');
    // Nothing in "Truckload carrier" names a region: the banks would start as the EU's.
    expect(await page.inputValue('#new-region')).toBe('');
    await page.selectOption('#new-region', 'us');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForURL(/\/sessions\/\d+$/);
    await settled(page);
    expect(await regionSelect().inputValue()).toBe('us');
    expect(await page.getByTestId('bank-profile').innerText()).not.toContain('as its industry suggests');
    // A known client keeps its own profile: the form does not offer the region again.
    await page.goto(product.url);
    await page.fill('#new-client', 'Contoso Freight');
    await expect.poll(() => page.locator('#new-region').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
