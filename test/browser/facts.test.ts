/**
 * The numbers computed in code, on the page: the roadmap and the sounding board show effort against
 * capacity, cost against the budget, EBITDA with EV at ±2, year-one cash and payback, with gaps
 * named; the sounding board shows each objection's status and the pre-mortem's stories.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { STEP_IDS } from '../../src/domain/index.js';
import * as store from '../../src/storage/index.js';
import { northwindArtifactsQ1 } from '../support/fixtures.js';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { launchBrowser, pageErrors, startProduct, type Product } from './browserSupport.js';

const RESULTS = 'test-results';

let product: Product;
let browser: Browser;
let page: Page;
let errors: Error[];
let sessionId: number;
let dir: string;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  // A finished quarter written into the database the product then opens.
  dir = mkdtempSync(join(tmpdir(), 'foresight-facts-'));
  const databasePath = join(dir, 'facts.db');
  const h = harness(new ScriptedFacilitator(), { db: store.openDatabase(databasePath) });
  sessionId = (await h.createSession()).session.id;
  const a = northwindArtifactsQ1();
  // A budget the roadmap's stated cost is over, and a capacity its near term fits.
  a.context = {
    ...a.context!,
    constraints: { ...a.context!.constraints, budgetAmount: 500_000, teamWeeksPerQuarter: 13 },
  };
  for (const step of STEP_IDS) store.insertRevision(h.db, { sessionId, step, data: a[step], source: 'model' });
  store.updateProgress(h.db, sessionId, {
    status: 'completed',
    mode: 'quarterly',
    furthest: 'sounding_board',
    stale: [],
  });
  h.db.close();
  [product, browser] = await Promise.all([
    startProduct({ PROVIDER: 'offline', DATABASE_PATH: databasePath }),
    launchBrowser(),
  ]);
  page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
  page.setDefaultTimeout(10_000);
  errors = pageErrors(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const tile = (name: string) => page.locator(`.facts-block [data-fact="${name}"]`);

async function shoot(name: string, locator: string) {
  await page.locator(locator).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${RESULTS}/${name}.png` });
  await page.setViewportSize({ width: 420, height: 860 });
  await page.locator(locator).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${RESULTS}/${name}-420.png` });
  await page.setViewportSize({ width: 1366, height: 860 });
}

describe('the computed facts on the page, in Chromium', () => {
  it('shows the roadmap against capacity and budget, over budget marked, unpriced entries named', async () => {
    await page.goto(`${product.url}/sessions/${sessionId}`);
    await page.click('.artifact-tabs button:has-text("6. Strategy synthesis")');
    await page.locator('.roadmap-view .facts-block').waitFor();
    expect(await tile('effort').innerText()).toMatch(/44 wk\s+3\.4 quarters at 13 wk\/quarter/);
    expect(await tile('near-term').innerText()).toMatch(/10 wk of 26 wk\s+fits the capacity/);
    expect(await tile('cost').getAttribute('class')).toContain('fact-bad');
    expect(await tile('cost').innerText()).toMatch(/≥ 595K\s+over the 500K budget by 95K/);
    expect(await tile('ebitda').innerText()).toMatch(/2M\s+EV 16M \(12M–20M at ±2 on the multiple\)/);
    expect(await page.locator('.roadmap-view [data-testid="fact-gaps"]').innerText()).toContain('cost of e5');
    await shoot('facts-roadmap', '.roadmap-view .facts-block');
    expect(errors).toEqual([]);
  });

  it('shows the sounding board with the same numbers, each objection with its status, and the pre-mortem stories', async () => {
    await page.click('.artifact-tabs button:has-text("7. Sounding board")');
    await page.locator('.sounding-view .facts-block').waitFor();
    expect(await page.locator('.sounding-view .facts-block h4').innerText()).toContain(
      'The numbers the pressure test faces',
    );
    const first = page.locator('.recommendation[data-recommendation-id="c1"]');
    expect(await first.locator('.objection[data-status="open"]').count()).toBe(1);
    expect(
      await first.locator('.objection[data-status="answered_with_evidence"] .objection-basis').innerText(),
    ).toContain('e2 payback 0.32 years');
    expect(await first.locator('.pre-mortem li').first().innerText()).toContain('owner Head of Data');
    await shoot('facts-sounding-board', '.recommendation[data-recommendation-id="c1"] .objections');
    expect(errors).toEqual([]);
  });
});
