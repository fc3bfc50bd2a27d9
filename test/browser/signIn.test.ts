/**
 * A server reachable from the network, in real Chromium: the page asks for the access token once,
 * on a small sign-in page, then works as on loopback; the browser keeps an HttpOnly, SameSite=Strict
 * session cookie and never sees the token again.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServerProcess, tempDatabasePath, untilOutput, type ServerProcess } from '../support/serverProcess.js';
import { launchBrowser, pageErrors, settled } from './browserSupport.js';

const RESULTS = 'test-results';
let server: ServerProcess;
let databasePath: string;
let token: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: Error[];

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  databasePath = tempDatabasePath();
  [server, browser] = await Promise.all([
    startServerProcess({ DATABASE_PATH: databasePath, PROVIDER: 'offline', HOST: '0.0.0.0', STREAM_FLUSH_MS: '50' }),
    launchBrowser(),
  ]);
  await untilOutput(server, 'Sessions stored in');
  token = /\n\n {4}(\S+)\n/.exec(server.output())![1]!;
  context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  errors = pageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (databasePath) rmSync(dirname(databasePath), { recursive: true, force: true });
});

describe('signing in to a network-bound server', () => {
  it('shows the sign-in page instead of the page', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Foresight Accelerator');
    expect(await page.locator('label[for="token"]').innerText()).toBe('Access token');
    expect(await page.locator('#token').evaluate((e) => e === document.activeElement)).toBe(true);
    await page.screenshot({ path: `${RESULTS}/sign-in.png` });
  });

  it('says so when the token is wrong', async () => {
    await page.fill('#token', 'not-the-token');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('.problem').innerText()).toContain('That is not the access token.');
    await page.setViewportSize({ width: 420, height: 860 });
    await page.screenshot({ path: `${RESULTS}/sign-in-wrong-420.png` });
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('opens the page with the right token and keeps an HttpOnly, SameSite=Strict cookie, not the token', async () => {
    await page.fill('#token', token);
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('[data-testid="provider"]').innerText()).toContain('Offline facilitator');
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.secure])).toEqual([
      ['foresight_access', true, 'Strict', false],
    ]);
    expect(cookies[0]!.value).not.toContain(token);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('works as on loopback: a session, a reply, a reload without asking again', async () => {
    await page.fill('#new-client', 'Fabrikam');
    await page.fill('#new-industry', 'Industrial IoT');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForURL(/\/sessions\/\d+$/);
    await page.fill('#composer-text', 'We run 40,000 connected pumps in Germany and Austria.');
    await page.press('#composer-text', 'Enter');
    await settled(page);
    expect(await page.locator('.messages .message[data-role="user"]').last().innerText()).toContain('40,000');
    await page.reload();
    await page.waitForSelector('.messages .message[data-role="user"]');
    expect(await page.locator('#token').count()).toBe(0);
    await page.screenshot({ path: `${RESULTS}/signed-in.png` });
    expect(errors).toEqual([]);
  });
});
