/**
 * Reviewing drafts in a real browser: a draft is a proposal shown as a diff; items are accepted or
 * rejected one by one or all at once; a field edited by hand survives a redraft; every revision is
 * in the history, where any two can be compared and an earlier one restored.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ContextArtifact } from '../../src/domain/index.js';
import { startFakeOpenAi, structuredName, type ChatRequest, type FakeOpenAi } from '../support/fakeOpenAiServer.js';
import { northwindArtifactsQ1 } from '../support/fixtures.js';
import { launchBrowser, pageErrors, settled, startProduct, type Product } from './browserSupport.js';

const RESULTS = 'test-results';

/** The context the fake model drafts next; each test step sets what the redraft says. */
let nextContext: ContextArtifact = northwindArtifactsQ1().context!;

function respond(request: ChatRequest) {
  if (structuredName(request)) return { json: nextContext };
  return { text: 'Tell me about the company.', chunkChars: 8, delayMs: 1 };
}

let fake: FakeOpenAi;
let product: Product;
let browser: Browser;
let page: Page;
let errors: Error[];

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  fake = await startFakeOpenAi(respond, { record: false });
  [product, browser] = await Promise.all([
    startProduct({ OPENAI_BASE_URL: fake.url, MODEL: 'fake-model', MODEL_MAX_ATTEMPTS: '1', MODEL_RETRY_BASE_MS: '0' }),
    launchBrowser(),
  ]);
  page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  page.setDefaultTimeout(10_000);
  errors = pageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await fake?.close();
});

const revision = () => page.locator('.artifact-meta .revision').getAttribute('data-revision');
const change = (key: string) => page.locator(`.proposal .change[data-change-key="${key}"]`);

async function draft(): Promise<void> {
  await page.click('[data-action="draft"]');
  await settled(page);
  await page.locator('.proposal').waitFor();
}

describe('reviewing a draft, in Chromium', () => {
  it('shows a draft as a proposal, takes items one by one, keeps a hand edit through a redraft, and restores from the history', async () => {
    await page.goto(product.url);
    await page.fill('#new-client', 'Contoso Freight');
    await page.fill('#new-industry', 'Freight forwarding');
    await page.fill('#new-quarter', '2027-Q1');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForURL(/\/sessions\/\d+$/);
    await page.waitForSelector('.message[data-role="assistant"]');

    // The first draft: nothing to compare with, every item new, one click to accept.
    const first = northwindArtifactsQ1().context!;
    nextContext = first;
    await draft();
    expect(await page.locator('.proposal-title').innerText()).toBe('Draft to review');
    expect(await change('summary').getAttribute('data-change')).toBe('added');
    expect(await page.locator('.artifact-meta').count()).toBe(0);
    await page.click('.proposal button:has-text("Accept all")');
    await page.locator('.proposal').waitFor({ state: 'detached' });
    expect(await revision()).toBe('1');
    expect(await page.locator('.context-view .summary .provenance').innerText()).toContain('Drafted by fake-model');

    // A redraft: the diff names what changes, field by field; accept one item, reject another.
    nextContext = {
      ...first,
      summary: 'A Midwest 3PL now led by its brokerage arm.',
      marketPosition: 'Number 3 regional 3PL',
      keyNumbers: [...first.keyNumbers, { label: 'Headcount', value: '410' }],
    };
    await draft();
    expect(await page.locator('.proposal-title').innerText()).toBe('Redraft to review against revision 1');
    expect(await change('keyNumbers/headcount').getAttribute('data-change')).toBe('added');
    expect(await change('summary').locator('ins').innerText()).toBe('A Midwest 3PL now led by its brokerage arm.');
    expect(await change('marketPosition').locator('del').innerText()).toBe(first.marketPosition!);
    await page.screenshot({ path: `${RESULTS}/review-diff.png`, fullPage: true });
    await change('keyNumbers/headcount').locator('button:has-text("Accept")').click();
    await expect.poll(revision).toBe('2');
    await change('summary').locator('button:has-text("Reject")').click();
    await change('summary').waitFor({ state: 'detached' });
    expect(await page.locator('.proposal .change').count()).toBe(1);
    await page.click('.proposal button:has-text("Discard draft")');
    await page.locator('.proposal').waitFor({ state: 'detached' });
    expect(await page.locator('.key-numbers').innerText()).toContain('410');
    expect(await page.locator('.context-view .summary').innerText()).toContain(first.summary);

    // A hand edit, then a redraft that would undo it: the change is marked, Accept all keeps the edit.
    await page.click('button[aria-label="Edit market position"]');
    await page.fill('.editing textarea', 'Number 2 regional 3PL by volume');
    await page.click('.editing button:has-text("Save")');
    await expect.poll(revision).toBe('3');
    expect(await page.locator('.facts .provenance').first().innerText()).toContain('edited by you');
    nextContext = { ...first, businessModel: 'Fees per pallet, per load and per API call' };
    await draft();
    const marked = change('marketPosition');
    expect(await marked.getAttribute('class')).toContain('change-protected');
    expect(await marked.innerText()).toContain('You edited this');
    expect(await page.locator('.protected-summary').innerText()).toContain('Accept all leaves it as it is');
    await page.locator('.proposal').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/review-protected.png`, fullPage: true });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.locator('.proposal').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/review-protected-narrow.png` });
    await page.setViewportSize({ width: 1366, height: 860 });
    // The draft itself can be edited before it is accepted.
    await page.click('.proposal button:has-text("Edit draft as JSON")');
    const json = page.locator('.proposal .json-editor textarea');
    const proposed = JSON.parse(await json.inputValue());
    proposed.businessModel = 'Fees per pallet and per load; per API call since May';
    await json.fill(JSON.stringify(proposed, null, 2));
    await page.click('.proposal button:has-text("Save the draft")');
    await expect.poll(() => change('businessModel').locator('ins').innerText()).toBe(proposed.businessModel);
    expect(await change('businessModel').innerText()).toContain('edited by you');
    await page.click('.proposal button:has-text("Accept all")');
    await expect.poll(revision).toBe('4');
    const facts = await page.locator('.context-view').innerText();
    expect(facts).toContain('Number 2 regional 3PL by volume');
    expect(facts).toContain('per API call');
    // The held change stays on offer until it is decided.
    expect(await page.locator('.proposal .change').count()).toBe(1);
    await marked.locator('button:has-text("Reject")').click();
    await page.locator('.proposal').waitFor({ state: 'detached' });

    // The history: who made each revision, compare two, view one, restore one as a new revision.
    await page.click('.artifact-head button:has-text("History")');
    const items = page.locator('.history-item');
    await expect.poll(() => items.count()).toBe(4);
    expect(await items.nth(0).innerText()).toMatch(/Revision 4 · Draft by fake-model.*accepted by you/);
    expect(await items.nth(1).innerText()).toContain('Revision 3 · Edited by you');
    await page.selectOption('select[aria-label="Older revision"]', '1');
    await page.selectOption('select[aria-label="Newer revision"]', '4');
    await page.click('.history-compare button:has-text("Compare")');
    const diff = page.locator('.history-diff');
    await diff.waitFor();
    expect(await diff.innerText()).toContain('Number 2 regional 3PL by volume');
    await page.click('.history-item[data-history-revision="1"] button:has-text("View")');
    expect(await page.locator('.viewing-old').innerText()).toContain(first.marketPosition!);
    expect(await page.locator('.viewing-old .summary .provenance').innerText()).toContain('Drafted by fake-model');
    await page.click('.history-item[data-history-revision="3"] button:has-text("View")');
    expect(await page.locator('.viewing-old .facts .provenance').first().innerText()).toContain('edited by you');
    await page.click('.history-item[data-history-revision="1"] button:has-text("View")');
    await page.locator('.history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/review-history.png`, fullPage: true });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.locator('.history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/review-history-narrow.png` });
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.click('button[aria-label="Restore revision 1"]');
    await expect.poll(revision).toBe('5');
    expect(await page.locator('.artifact-meta').innerText()).toContain('revision 1 restored by you');
    expect(await page.locator('.context-view').innerText()).toContain(first.marketPosition!);
    await expect.poll(() => items.count()).toBe(5);
    expect(errors).toEqual([]);
  });
});
