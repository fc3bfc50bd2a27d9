/**
 * What a client's own words look like in the page and in the memo, in real Chromium against the real
 * server: e-mail and web addresses exactly as written (and working links), and a name that carries a
 * right-to-left override ("\u202eevil.pdf") kept from reversing the product's text beside it.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { minimal } from '../support/minimal.js';
import { launchBrowser, pageErrors, startProduct, type Product } from './browserSupport.js';

const RESULTS = 'test-results';
const EVIL = '\u202eevil.pdf';
const EMAIL = 'first_last@example.com';
const URL_ = 'https://files.example.com/board/q3_board_pack.pdf';

let product: Product;
let browser: Browser;
let page: Page;
let errors: Error[];
let sessionId: number;

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${product.url}${path}`, { ...init, headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  [product, browser] = await Promise.all([startProduct({ PROVIDER: 'offline' }), launchBrowser()]);
  const created = await api('/api/sessions', {
    method: 'POST',
    body: JSON.stringify({ clientName: EVIL, industry: 'Logistics', quarter: '2028-Q1' }),
  });
  expect(created.status).toBe(201);
  sessionId = ((await created.json()) as { session: { id: number } }).session.id;
  const context = {
    ...minimal.context(),
    summary: `Board pack at ${URL_}; questions to ${EMAIL}.`,
  };
  const edited = await api(`/api/sessions/${sessionId}/artifacts/context`, {
    method: 'PUT',
    body: JSON.stringify({ data: context }),
  });
  expect(edited.status).toBe(200);
  page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  page.setDefaultTimeout(10_000);
  errors = pageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/**
 * Where the browser drew the first and the last character of `text` inside `selector`: left to right
 * when the first is left of the last.
 */
function drawnLeftToRight(p: Page, selector: string, text: string): Promise<boolean> {
  return p.evaluate(
    ([sel, wanted]) => {
      const root = document.querySelector(sel)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        if (at < 0) continue;
        const box = (i: number) => {
          const range = document.createRange();
          range.setStart(node!, i);
          range.setEnd(node!, i + 1);
          return range.getBoundingClientRect().left;
        };
        return box(at) < box(at + wanted.length - 1);
      }
      throw new Error(`"${wanted}" is not in ${sel}`);
    },
    [selector, text] as const,
  );
}

describe('a client name with a right-to-left override', () => {
  it('does not reverse the quarter beside it in the page', async () => {
    await page.goto(`${product.url}/sessions/${sessionId}`);
    await page.waitForSelector('.session-title');
    expect(await page.locator('.session-title bdi').innerText()).toBe(EVIL);
    expect(await drawnLeftToRight(page, '.session-title', '2028-Q1')).toBe(true);
    // The facilitator's own sentence around the name reads left to right after it.
    expect(await drawnLeftToRight(page, '.message[data-role="assistant"] .message-body', 'the CEO')).toBe(true);
    await page.screenshot({ path: `${RESULTS}/bidi-session.png` });
    await page.setViewportSize({ width: 420, height: 860 });
    expect(await drawnLeftToRight(page, '.session-title', '2028-Q1')).toBe(true);
    await page.screenshot({ path: `${RESULTS}/bidi-session-420.png` });
    await page.setViewportSize({ width: 1366, height: 860 });
    expect(errors).toEqual([]);
  });

  it('does not reverse the memo’s title in the HTML export', async () => {
    await page.goto(`${product.url}/api/sessions/${sessionId}/export/memo.html`);
    expect(await page.locator('h1 bdi').innerText()).toBe(EVIL);
    expect(await drawnLeftToRight(page, 'h1', '2028-Q1')).toBe(true);
    expect(await page.title()).toBe(`Strategy memo: \u2068${EVIL}\u2069, 2028-Q1`);
    await page.screenshot({ path: `${RESULTS}/bidi-memo.png` });
  });
});

describe('addresses in the memo', () => {
  it('stay exactly as written in the Markdown', async () => {
    const md = await (await api(`/api/sessions/${sessionId}/export/memo.md`)).text();
    expect(md).toContain(`Board pack at ${URL_}; questions to ${EMAIL}.`);
  });

  it('are whole, working links in the HTML, reading as written', async () => {
    await page.goto(`${product.url}/api/sessions/${sessionId}/export/memo.html`);
    const links = await page
      .locator('section.memo-context a')
      .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(links).toEqual(
      expect.arrayContaining([
        [URL_, URL_],
        [`mailto:${EMAIL}`, EMAIL],
      ]),
    );
    const text = await page.locator('section.memo-context').innerText();
    expect(text).toContain(`Board pack at ${URL_}; questions to ${EMAIL}.`);
    expect(text).not.toContain('\\');
  });
});
