/**
 * For the browser tests: the real product as a child process, real headless Chromium, and the
 * waits the page's own markers make possible (main[data-busy] is false when no reply is in flight).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startServerProcess, tempDatabasePath, type ServerProcess } from '../support/serverProcess.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Product {
  readonly url: string;
  readonly server: ServerProcess;
  stop(): Promise<void>;
}

/** The real server (src/main.ts) with its own temporary database; `stop` kills it and removes the folder. */
export async function startProduct(env: Record<string, string> = {}): Promise<Product> {
  const databasePath = tempDatabasePath();
  const server = await startServerProcess({ DATABASE_PATH: databasePath, STREAM_FLUSH_MS: '50', ...env });
  await waitForHealth(server.url);
  return {
    url: server.url,
    server,
    async stop() {
      await server.kill();
      rmSync(dirname(databasePath), { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}/api/health never answered`);
}

/** Waits until no reply or draft is in flight and the page has the server's latest view. */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector('main.session[data-busy="false"]', { timeout });
  await page.waitForSelector('.live-region .message', { state: 'detached', timeout });
}

/** Collects uncaught page errors, so a test can assert there were none. */
export function pageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  return errors;
}

/**
 * One turn: `act` sends something (a message, a form, a skip), and the turn is over once its reply
 * is in the transcript and the page is idle. `settled` alone can pass before the click has made the
 * page busy, and what is sent while the last turn is still ending is refused as busy.
 */
export async function turn(page: Page, act: () => Promise<unknown>): Promise<void> {
  // The latest reply's id, not a count: the transcript shows a window of the latest messages.
  const latest = async () =>
    Number((await page.locator('.message[data-role="assistant"]').last().getAttribute('data-message-id')) ?? 0);
  const before = await latest();
  await act();
  await expect.poll(latest).toBeGreaterThan(before);
  await settled(page);
}

/** A message typed in the chat and sent, as one turn. */
export async function say(page: Page, text: string): Promise<void> {
  await page.fill('#composer-text', text);
  await turn(page, () => page.press('#composer-text', 'Enter'));
}

/**
 * Drafts and accepts the whole draft, confirming what it read from the chat where it lists any. Each
 * click waits for what it causes: the proposal, the draft's end, then the accepted view.
 */
export async function draftAndAccept(page: Page): Promise<void> {
  await page.click('[data-action="draft"]');
  await page.locator('.proposal').waitFor();
  await settled(page);
  await page.click('.proposal button:has-text("Accept all")');
  await page.locator('.proposal').waitFor({ state: 'detached' });
  await settled(page);
}

/** Screenshots of the page as it is, at 1366×860 and at 420 px wide (the whole page), into `dir`. */
export async function screenshots(page: Page, name: string, dir = 'test-results'): Promise<void> {
  await page.screenshot({ path: `${dir}/${name}.png` });
  await page.setViewportSize({ width: 420, height: 860 });
  await page.screenshot({ path: `${dir}/${name}-narrow.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 860 });
}

/** The real product, Chromium and one page on it at 1366×860, as a walk through the page starts. */
export interface Walk {
  readonly product: Product;
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught errors in the page, so a test can assert there were none. */
  readonly errors: Error[];
  close(): Promise<void>;
}

export async function startWalk(): Promise<Walk> {
  mkdirSync('test-results', { recursive: true });
  const [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  page.setDefaultTimeout(15_000);
  return {
    product,
    browser,
    page,
    errors: pageErrors(page),
    async close() {
      await browser.close();
      await product.stop();
    },
  };
}
