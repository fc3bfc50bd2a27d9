/**
 * Freeze windows typed in Chromium: in the form beside the deadlines question, and in the context's
 * own forms ("Edit in forms"), where a window that runs backwards is refused at its field. The context
 * view lists them. A quick check called ready despite open objections shows the reason with the
 * verdict. Screenshots at 1366×860 and 420 px wide go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { draftAndAccept, say, screenshots, startWalk, turn, type Product, type Walk } from './browserSupport.js';

let walk: Walk;
let product: Product;
let page: Page;
let errors: Error[];

beforeAll(async () => {
  walk = await startWalk();
  ({ product, page, errors } = walk);
});

afterAll(() => walk?.close());

const panel = () => page.locator('.answer-panel');
const topic = () => panel().locator('.answer-title').innerText();

/** Fills the last row of a list of freeze windows. */
async function fillFreeze(scope: ReturnType<Page['locator']>, what: string, from: string, to: string): Promise<void> {
  const rows = scope.locator('[data-field="freezes"] .form-item-row');
  const last = rows.last();
  await last.locator('[data-field="what"] input').fill(what);
  await last.locator('[data-field="from"] input').fill(from);
  await last.locator('[data-field="to"] input').fill(to);
}

describe('freeze windows, typed in the forms', () => {
  it('takes a freeze window in the form of the deadlines question, and the context view lists it', async () => {
    await page.goto(product.url);
    await page.fill('#new-client', 'Contoso Freight');
    await page.fill('#new-industry', 'Truckload carrier');
    await page.fill('#new-quarter', '2027-Q1');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForURL(/\/sessions\/\d+$/);

    // Skip to the deadlines question: its form holds the words and the freeze windows as dates.
    for (let i = 0; i < 12 && (await topic()) !== 'Answer with the form: Deadlines'; i++)
      await turn(page, () => page.click('[data-conversation-action="skip"]'));
    expect(await topic()).toBe('Answer with the form: Deadlines');
    await panel()
      .locator('[data-field="time"] textarea, [data-field="time"] input')
      .first()
      .fill('Peak season: nothing ships in Q4');
    await panel().locator('[data-field="freezes"] button:has-text("Add to freeze windows")').click();
    await fillFreeze(panel(), 'Peak season', '2027-Q4', '2027-Q4');
    await screenshots(page, 'freeze-answer-form');
    await turn(page, () => panel().locator('button:has-text("Confirm and send")').click());
    expect(await page.locator('.message[data-role="assistant"]').last().innerText()).toContain('Peak season');

    await draftAndAccept(page);
    expect(await page.locator('.context-view [data-testid="freezes"]').innerText()).toBe('Peak season (2027-Q4)');
  });

  it('adds a second window in the context’s forms, refusing one that ends before it starts', async () => {
    await page.click('.artifact-head button:has-text("Edit in forms")');
    const forms = page.locator('[data-testid="artifact-forms"]');
    await forms.locator('[data-field="freezes"] button:has-text("Add to freeze windows")').click();
    await fillFreeze(forms, 'Year-end close', '2028-01-10', '2027-12-15');
    await forms.locator('button:has-text("Save")').first().click();
    await expect
      .poll(() => forms.locator('.field-error').first().innerText())
      .toContain('a freeze ends on or after the day it starts');
    await fillFreeze(forms, 'Year-end close', '2027-12-15', '2028-01-10');
    await forms.locator('button:has-text("Save")').first().click();
    await expect.poll(() => page.locator('.artifact-meta').innerText()).toContain('edited by you');
    await page.locator('[data-testid="artifact-forms"] [data-field="freezes"]').scrollIntoViewIfNeeded();
    await screenshots(page, 'freeze-context-forms');
    // The forms stand in for the view while open: closed, the view lists both windows.
    await page.click('.artifact-head button:has-text("Close forms")');
    const listed = page.locator('.context-view [data-testid="freezes"]');
    expect(await listed.innerText()).toBe('Peak season (2027-Q4)\nYear-end close (2027-12-15–2028-01-10)');
    await listed.scrollIntoViewIfNeeded();
    await screenshots(page, 'freeze-context-view');
    expect(errors).toEqual([]);
  });

  it('shows the reason a quick check was called ready despite open objections, with the verdict', async () => {
    await page.goto(product.url);
    await page.fill('#new-client', 'Fabrikam');
    await page.fill('#new-industry', 'Wholesale distribution');
    await page.check('input[name="mode"][value="quick_check"]');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForURL(/\/sessions\/\d+$/);
    await page.waitForSelector('.message[data-role="assistant"]');
    for (const said of [
      'Move our on-prem ERP (Sage 300) to SaaS within 9 months',
      "I don't know yet",
      'Ready',
      'Ready, because Sage ends support for our version in March and the board accepted the risk.',
    ])
      await say(page, said);
    await draftAndAccept(page);
    const despite = page.locator('[data-testid="ready-despite"]');
    expect(await despite.innerText()).toContain(
      'Called ready despite 4 open objections; the reason given: “Ready, because Sage ends support for our version in March and the board accepted the risk”.',
    );
    expect(await despite.innerText()).toMatch(/\(message #\d+\)/);
    // The objections stay open, each as it was, with no reason pasted into its answer.
    expect(await page.locator('.objection[data-status="open"]').count()).toBe(4);
    expect(await page.locator('.objections').innerText()).not.toContain('called ready despite');
    await despite.scrollIntoViewIfNeeded();
    await screenshots(page, 'ready-despite');
    expect(errors).toEqual([]);
  });
});
