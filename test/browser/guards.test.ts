/**
 * Guards in the page: Next refused lists what the step still lacks; "Move on anyway…" asks for the
 * reason and records the override, which the page then shows.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RisksArtifact } from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import { minimal } from '../support/minimal.js';
import { launchBrowser, pageErrors, settled, startProduct, type Product } from './browserSupport.js';

const RESULTS = 'test-results';
let product: Product;
let browser: Browser;
let page: Page;
let errors: Error[];
let sessionId: number;

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${product.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** A session at the risk register, whose r2 has a likelihood and no impact. */
async function sessionAtRisks(): Promise<number> {
  const created = await api('POST', '/api/sessions', {
    clientName: 'Northwind Logistics',
    industry: 'Logistics',
    quarter: '2027-Q1',
  });
  const id = (created.body.session as { id: number }).id;
  for (const step of ['context', 'trends', 'dialogue', 'impact'] as const) {
    const data = step === 'trends' ? minimal.trends(2) : minimal[step]();
    expect((await api('PUT', `/api/sessions/${id}/artifacts/${step}`, { data })).status).toBe(200);
    const over = step === 'dialogue' ? { override: { reason: 'Dialogue held in the workshop.' } } : {};
    expect((await api('POST', `/api/sessions/${id}/advance`, over)).status).toBe(200);
  }
  const [scored] = minimal.risks().risks;
  const register: RisksArtifact = {
    risks: [scored!, { ...scored!, id: 'r2', threat: 'Carrier API outage', likelihood: 3, impact: null }],
  };
  expect((await api('PUT', `/api/sessions/${id}/artifacts/risks`, { data: register })).status).toBe(200);
  return id;
}

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  mkdirSync(RESULTS, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  page.setDefaultTimeout(10_000);
  errors = pageErrors(page);
  sessionId = await sessionAtRisks();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('leaving a step that lacks what the method needs', () => {
  it('lists the unmet conditions when Next is refused, and records a reason to move on anyway', async () => {
    await page.goto(`${product.url}/sessions/${sessionId}`);
    await settled(page);
    expect(await page.locator('.step[data-step="dialogue"]').getAttribute('data-overridden')).toBe('true');
    expect(await page.locator('.step[data-step="dialogue"] .step-gaps').textContent()).toContain('with gaps');

    await page.click('[data-action="advance"]');
    const unmet = page.locator('.move-on .unmet-list li');
    await unmet.first().waitFor();
    expect(await unmet.allInnerTexts()).toEqual([
      'Risks not scored (likelihood and impact, 1–5 each): r2 ‘Carrier API outage’.',
    ]);
    expect(await page.locator('.step[data-status="current"]').getAttribute('data-step')).toBe('risks');

    // Keyboard: the button opens the question and focuses the field; Esc closes it and gives focus back.
    await page.focus('[data-action="move-on"]');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field')))
      .toBe('override-reason');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('move-on');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field')))
      .toBe('override-reason');

    // A blank reason is not taken: it is said beside the field, and nothing moves.
    await page.keyboard.type('   ');
    await page.click('[data-action="confirm-move-on"]');
    expect(await page.locator('.move-on-form .field-error').innerText()).toMatch(/Say why you move on anyway/);
    await page.fill('[data-field="override-reason"]', 'The CFO scores r2 on Monday.');
    await page.screenshot({ path: `${RESULTS}/guards-move-on.png`, fullPage: true });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.screenshot({ path: `${RESULTS}/guards-move-on-narrow.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 860 });

    await page.click('[data-action="confirm-move-on"]');
    await page.waitForFunction(
      () => document.querySelector('.step[data-status="current"]')?.getAttribute('data-step') === 'roadmap',
    );
    await settled(page);
    expect(await page.locator('.move-on').count()).toBe(0);
    expect(await page.locator('.step[data-step="risks"]').getAttribute('data-overridden')).toBe('true');
    expect(await page.locator('.step[data-step="risks"] .step-button').getAttribute('aria-label')).toContain(
      'moved on anyway with gaps (“The CFO scores r2 on Monday.”)',
    );

    const view = (await api('GET', `/api/sessions/${sessionId}`)).body as unknown as SessionView;
    expect(view.overrides.map((o) => [o.step, o.reason, o.unmet.map((c) => c.items)])).toEqual([
      ['dialogue', 'Dialogue held in the workshop.', [['‘Trend t1’ (0)', '‘Trend t2’ (0)']]],
      ['risks', 'The CFO scores r2 on Monday.', [['r2 ‘Carrier API outage’']]],
    ]);

    // The risk register, opened again, shows the override with its artifact.
    await page.click('.step[data-step="risks"] .step-button');
    await page.click('button:has-text("Only view its artifact")');
    const note = page.locator('.artifact-overrides [data-override-step="risks"]');
    expect(await note.innerText()).toContain('The CFO scores r2 on Monday.');
    await note.locator('summary').click();
    expect(await note.innerText()).toContain('r2 ‘Carrier API outage’');
    await page.screenshot({ path: `${RESULTS}/guards-recorded.png`, fullPage: true });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.screenshot({ path: `${RESULTS}/guards-recorded-narrow.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 860 });
    expect(errors).toEqual([]);
  });

  it('lists every override when the session is complete', async () => {
    const roadmap = { data: minimal.roadmap() };
    expect((await api('PUT', `/api/sessions/${sessionId}/artifacts/roadmap`, roadmap)).status).toBe(200);
    expect((await api('POST', `/api/sessions/${sessionId}/advance`, {})).status).toBe(200);
    const board = { data: minimal.sounding_board() };
    expect((await api('PUT', `/api/sessions/${sessionId}/artifacts/sounding_board`, board)).status).toBe(200);
    await page.reload();
    await settled(page);
    await page.click('[data-action="advance"]');
    await page.locator('.step-bar-done').waitFor();
    const listed = page.locator('.step-bar-done .override-list > li');
    expect(await listed.evaluateAll((li) => li.map((l) => l.getAttribute('data-override-step')))).toEqual([
      'dialogue',
      'risks',
    ]);
    expect(await page.locator('.step-bar-done .overrides-heading').innerText()).toBe('Moved on with gaps (2)');
    await listed.nth(1).locator('summary').click();
    expect(await listed.nth(1).innerText()).toContain('r2 ‘Carrier API outage’');
    await page.screenshot({ path: `${RESULTS}/guards-complete.png` });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.screenshot({ path: `${RESULTS}/guards-complete-narrow.png` });
    await page.setViewportSize({ width: 1366, height: 860 });
    expect(errors).toEqual([]);
  });
});
