/**
 * The page in a real browser against the real server, with the model's HTTP faked: a quarterly
 * session from the first answer to the CEO one-liner, streaming, reload and reattach, going back,
 * hand edits, errors, search, and model or user text that tries to run script.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  startFakeOpenAi,
  structuredName,
  type ChatRequest,
  type FakeOpenAi,
  type FakeReply,
} from '../support/fakeOpenAiServer.js';
import { structuredFixture } from '../support/structuredFixtures.js';
import { northwindArtifactsQ1, withoutMessageIds } from '../support/fixtures.js';
import { launchBrowser, pageErrors, settled, startProduct, type Product } from './browserSupport.js';

const RESULTS = 'test-results';
const XSS = '<script>window.__xss = "script"</script> <img src=x onerror="window.__xss = \'img\'">';

/** What the fake model says next; drafts always get the Northwind fixture for the step asked. */
const model = {
  text: 'A first question: what exactly do you mean by "margin", and which lanes?',
  delayMs: 15,
  status: undefined as number | undefined,
  /** Stream this many characters, then hold the connection open without another word. */
  stallAfterChars: undefined as number | undefined,
};

/** MODEL_IDLE_TIMEOUT_MS for this product: long enough that a busy machine does not trip it by accident. */
const IDLE_MS = 3_000;

function respond(request: ChatRequest): FakeReply {
  const name = structuredName(request);
  if (name) {
    const artifacts = withoutMessageIds(northwindArtifactsQ1()) as Record<string, unknown>;
    if (name.endsWith('_critic')) return { json: structuredFixture(name, artifacts) };
    const step = Object.keys(artifacts).find((s) => name === s || name.includes(s));
    const data = step ? artifacts[step] : undefined;
    // The user chooses the trends in the page: none are chosen in the draft.
    if (step === 'trends')
      return { json: { trends: (data as { trends: object[] }).trends.map((t) => ({ ...t, chosen: false })) } };
    return { json: data };
  }
  if (model.status) return { status: model.status };
  return { text: model.text, chunkChars: 6, delayMs: model.delayMs, stallAfterChars: model.stallAfterChars };
}

let fake: FakeOpenAi;
let product: Product;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: Error[];

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  fake = await startFakeOpenAi(respond, { record: false });
  [product, browser] = await Promise.all([
    startProduct({
      OPENAI_BASE_URL: fake.url,
      MODEL: 'fake-model',
      MODEL_MAX_ATTEMPTS: '1',
      MODEL_RETRY_BASE_MS: '0',
      MODEL_IDLE_TIMEOUT_MS: String(IDLE_MS),
    }),
    launchBrowser(),
  ]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  errors = pageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await fake?.close();
});

const textOf = (selector: string) => page.locator(selector).innerText();
const stepStatus = (step: string) => page.locator(`.step[data-step="${step}"]`).getAttribute('data-status');
const revision = () => page.locator('.artifact-meta .revision').getAttribute('data-revision');

async function send(text: string): Promise<void> {
  await page.fill('#composer-text', text);
  await page.press('#composer-text', 'Enter');
}

/** Drafts the step and takes the quick path: the draft is a proposal, *Accept all* makes it the artifact. */
async function draft(): Promise<void> {
  await page.click('[data-action="draft"]');
  await settled(page);
  await page.click('.proposal button:has-text("Accept all")');
  await page.locator('.proposal').waitFor({ state: 'detached' });
}

async function advance(): Promise<void> {
  const before = await page.locator('.step[data-status="current"]').getAttribute('data-step');
  await page.click('[data-action="advance"]');
  await page.waitForFunction(
    (b) => document.querySelector('.step[data-status="current"]')?.getAttribute('data-step') !== b,
    before,
  );
}

/** Next is refused for what the step lacks: move on anyway, with the reason recorded. */
async function moveOnAnyway(reason: string): Promise<void> {
  const before = await page.locator('.step[data-status="current"]').getAttribute('data-step');
  await page.click('[data-action="advance"]');
  await page.click('.move-on [data-action="move-on"]');
  await page.fill('[data-field="override-reason"]', reason);
  await page.click('[data-action="confirm-move-on"]');
  await page.waitForFunction(
    (b) => document.querySelector('.step[data-status="current"]')?.getAttribute('data-step') !== b,
    before,
  );
}

describe('the session page, in Chromium, against the real server', () => {
  it('serves the page and its ES modules (vendored libraries, the shared domain and pictures)', async () => {
    const paths = [
      '/',
      '/app.js',
      '/styles.css',
      '/vendor/preact.mjs',
      '/vendor/preact-hooks.mjs',
      '/vendor/htm.mjs',
      '/vendor/marked.mjs',
      '/vendor/purify.mjs',
      '/shared/domain.mjs',
      '/shared/pictures.mjs',
      '/sessions/12345',
    ];
    const answers = await Promise.all(
      paths.map(async (p) => {
        const r = await fetch(`${product.url}${p}`);
        return `${p} ${r.status} ${r.headers.get('content-type')?.split(';')[0]}`;
      }),
    );
    expect(answers).toEqual([
      '/ 200 text/html',
      '/app.js 200 text/javascript',
      '/styles.css 200 text/css',
      '/vendor/preact.mjs 200 text/javascript',
      '/vendor/preact-hooks.mjs 200 text/javascript',
      '/vendor/htm.mjs 200 text/javascript',
      '/vendor/marked.mjs 200 text/javascript',
      '/vendor/purify.mjs 200 text/javascript',
      '/shared/domain.mjs 200 text/javascript',
      '/shared/pictures.mjs 200 text/javascript',
      '/sessions/12345 200 text/html',
    ]);
  });

  it('names the model that answers, in the header', async () => {
    await page.goto(product.url);
    await expect.poll(() => textOf('[data-testid="provider"]')).toContain('fake-model');
  });

  it('starts a session from the list and deep-links to it', async () => {
    expect(await page.inputValue('#new-quarter')).toMatch(/^\d{4}-Q[1-4]$/);
    await page.fill('#new-client', 'Northwind Logistics');
    await page.fill('#new-industry', 'Third-party logistics');
    await page.fill('#new-quarter', '2027-Q1');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForURL(/\/sessions\/\d+$/);
    await page.waitForSelector('.message[data-role="assistant"]');
    expect(await page.locator('.step').count()).toBe(7);
    expect(await stepStatus('context')).toBe('current');
    expect(await stepStatus('trends')).toBe('upcoming');
    expect(await textOf('.session-title')).toContain('2027-Q1');
  });

  it('streams a reply as it is written: partial text first, then the stored message', async () => {
    model.text = `Thanks. ${'Which of your lanes lose spot loads to faster brokers, and what does a lost load cost? '.repeat(3)}END-OF-REPLY`;
    model.delayMs = 20;
    // Shift+Enter is a new line, not a send.
    await page.fill('#composer-text', 'We run 14 warehouses,');
    await page.press('#composer-text', 'Shift+Enter');
    await page.type('#composer-text', 'ARR $142M, 38 engineers.');
    expect(await page.inputValue('#composer-text')).toBe('We run 14 warehouses,\nARR $142M, 38 engineers.');
    expect(await page.locator('.messages .message[data-role="user"]').count()).toBe(0);
    await page.press('#composer-text', 'Enter');
    const live = page.locator('.live-region .message-body');
    await live.waitFor();
    await page.waitForFunction(
      () => (document.querySelector('.live-region .message-body')?.textContent ?? '').length > 20,
    );
    const partial = await live.innerText();
    expect(partial).not.toContain('END-OF-REPLY');
    expect(await page.isDisabled('#composer-text')).toBe(true);
    expect(await page.isVisible('button:has-text("Stop")')).toBe(true);
    await settled(page);
    const last = page.locator('.messages .message[data-role="assistant"]').last();
    expect(await last.innerText()).toContain('END-OF-REPLY');
    expect(await last.getAttribute('data-status')).toBe('complete');
    expect((await last.innerText()).length).toBeGreaterThan(partial.length);
    expect(await page.inputValue('#composer-text')).toBe('');
    expect(await page.isEnabled('#composer-text')).toBe(true);
  });

  it('shows a <script> or onerror payload from the user and from the model as text, and never runs it', async () => {
    model.text = `Noted. Model says: ${XSS} **bold** [a link](javascript:window.__xss='link') done.`;
    model.delayMs = 5;
    await send(`My note: ${XSS}`);
    await settled(page);
    const user = page.locator('.messages .message[data-role="user"]').last();
    const reply = page.locator('.messages .message[data-role="assistant"]').last();
    expect(await user.innerText()).toContain('<script>window.__xss');
    expect(await reply.innerText()).toContain('<img src=x onerror=');
    expect(await reply.locator('strong').innerText()).toBe('bold');
    const dom = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: string }).__xss,
      scripts: document.querySelectorAll('.messages script, .live-region script').length,
      imgs: document.querySelectorAll('.messages img').length,
      jsLinks: document.querySelectorAll('.messages a[href^="javascript" i]').length,
      handlers: [...document.querySelectorAll('.messages *')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on')),
      ).length,
    }));
    expect(dom).toEqual({ xss: undefined, scripts: 0, imgs: 0, jsLinks: 0, handlers: 0 });
  });

  it('reattaches to a reply still being written after a reload, without repeating any text', async () => {
    model.text = `Reattach ${Array.from({ length: 90 }, (_, i) => `w${i}`).join(' ')} FINAL-MARK`;
    model.delayMs = 30;
    await send('Tell me more about the lanes.');
    await page.waitForFunction(() =>
      (document.querySelector('.live-region .message-body')?.textContent ?? '').includes('w3'),
    );
    const url = page.url();
    const t0 = Date.now();
    await page.reload();
    expect(page.url()).toBe(url);
    console.log('reload took', Date.now() - t0);
    // After the reload the page finds the live turn and follows it again.
    await page.locator('.live-region .message[data-status="streaming"]').waitFor({ timeout: 5000 });
    await settled(page);
    const transcript = await textOf('.messages');
    expect(transcript.split('FINAL-MARK').length - 1).toBe(1);
    expect(transcript.split('Reattach w0 w1').length - 1).toBe(1);
    expect(await page.locator('.messages .message[data-role="assistant"]').last().innerText()).toContain(model.text);
  });

  it('reconnects with Last-Event-ID when the reply stream breaks mid-way', async () => {
    model.text = `Resumed reply ${Array.from({ length: 12 }, (_, i) => `r${i}`).join(' ')} RESUME-END`;
    model.delayMs = 5;
    let cutAfter: string | null = null;
    await page.route('**/api/sessions/*/messages', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      const frames = (await response.text()).split('\n\n').filter((f) => f.trim() !== '');
      const kept = frames.slice(0, 4); // the turn event and a few deltas: then the "connection drops"
      cutAfter = /^id: (.+)$/m.exec(kept.at(-1)!)?.[1] ?? null;
      await route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: `${kept.join('\n\n')}\n\n`,
      });
    });
    const reattach = page.waitForRequest((r) => r.url().endsWith('/stream'));
    await send('And the brokerage side?');
    const request = await reattach;
    await settled(page);
    await page.unroute('**/api/sessions/*/messages');
    expect(cutAfter).toMatch(/^\d+\.\d+$/);
    expect(request.headers()['last-event-id']).toBe(cutAfter);
    const transcript = await textOf('.messages');
    expect(transcript.split('RESUME-END').length - 1).toBe(1);
    expect(transcript.split('Resumed reply r0').length - 1).toBe(1);
  });

  it('goes through all seven steps: drafts each artifact, chooses trends, answers the dialogue, advances', async () => {
    model.text = 'What are you taking for granted about quote speed?';
    model.delayMs = 3;
    // 1. Context
    await draft();
    expect(await revision()).toBe('1');
    expect(await textOf('.context-view')).toContain('Northwind Logistics');
    await advance();

    // 2. Trends: choosing is editing the artifact, one revision per choice.
    expect(await stepStatus('context')).toBe('done');
    expect(await stepStatus('trends')).toBe('current');
    await draft();
    expect(await textOf('.step-bar .blocked')).toContain('No trend chosen; the method needs 2 or 3.');
    await page.check('.trend-card[data-trend-id="t1"] input[type="checkbox"]');
    await expect.poll(revision).toBe('2');
    await page.check('.trend-card[data-trend-id="t2"] input[type="checkbox"]');
    await expect.poll(revision).toBe('3');
    await expect.poll(() => page.isEnabled('[data-action="advance"]')).toBe(true);
    await advance();

    // 3. Dialogue: answer about a chosen trend, draft the ledger, then say it is enough.
    expect(await page.locator('#composer-trend option').count()).toBe(2);
    await send('Quote speed matters more than price; median quote takes 47 minutes.');
    await settled(page);
    await draft();
    expect(await textOf('.dialogue-view')).toContain('Assumption ledger');
    expect(await textOf('.step-bar .blocked')).toContain('fewer than 3 answers');
    await page.click('[data-conversation-action="next_trend"]');
    await settled(page);
    // The view (and with it the trend) is read again once the turn has ended.
    await expect.poll(() => page.locator('#composer-trend').inputValue()).toBe('t2');
    await page.click('[data-conversation-action="enough"]');
    await settled(page);
    await expect.poll(() => page.locator('.message-command').count()).toBe(2);
    await expect.poll(() => page.locator('[data-conversation-action="enough"]').isDisabled()).toBe(true);
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.screenshot({ path: `${RESULTS}/dialogue-actions.png`, fullPage: true });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.screenshot({ path: `${RESULTS}/dialogue-actions-narrow.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => page.isEnabled('[data-action="advance"]')).toBe(true);
    await advance();
    await page.waitForFunction(
      () => document.querySelector('.step[data-status="current"]')?.getAttribute('data-step') === 'impact',
    );

    // 4. Impact: a company / industry / market table.
    await draft();
    expect(await page.locator('.impact-table tbody[data-scope]').count()).toBe(3);
    // The worked quarter names no signpost for one forecast: Next lists it, and the advisor moves on anyway.
    await moveOnAnyway('The market signpost comes from the sales team next week.');

    // 5. Risks: severity derived from likelihood × impact, and the 5×5 heat map.
    await draft();
    await page.locator('.heat-map svg').waitFor();
    expect(await page.locator('.heat-map svg g.cell').count()).toBe(25);
    expect(await textOf('tr[data-risk-id="r1"]')).toContain('Critical');
    expect(await textOf('tr[data-risk-id="r1"] td[data-score]')).toBe('20');
    expect(await textOf('tr[data-risk-id="r5"]')).toContain('Low');
    await page.screenshot({ path: `${RESULTS}/session-page.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${RESULTS}/session-page-narrow.png`, fullPage: true });
    const box = await page.locator('.artifact-pane').boundingBox();
    const chat = await page.locator('.chat-pane').boundingBox();
    expect(box!.y).toBeGreaterThan(chat!.y + chat!.height - 1); // the artifacts sit below the chat
    await page.setViewportSize({ width: 1440, height: 900 });
    await advance();

    // 6. Roadmap: the money (EV = EBITDA × multiple), the timeline by horizon, and where each entry stands.
    await draft();
    await page.locator('.timeline svg').waitFor();
    expect(await textOf('tr[data-entry-id="e2"]')).toContain('9.6M');
    expect(await page.locator('.timeline svg g.horizon').count()).toBe(3);
    expect(await textOf('tr[data-entry-id="e4"] .entry-status .badge')).toBe('Planned');
    // Marking an entry done is an edit like any other: a new revision, the row and its bar greyed out.
    const roadmapRevision = Number(await revision());
    await page.selectOption('tr[data-entry-id="e4"] select[data-path="data.entries.3.status"]', 'done');
    await expect.poll(revision).toBe(String(roadmapRevision + 1));
    expect(await textOf('tr[data-entry-id="e4"] .entry-status .badge')).toBe('Done');
    expect(await page.locator('tr[data-entry-id="e4"]').getAttribute('class')).toContain('entry-closed');
    expect(await page.locator('.timeline svg g.entry[data-entry-id="e4"]').getAttribute('data-status')).toBe('done');
    await moveOnAnyway('The feasibility study gets its owner at the board meeting.');

    // 7. Sounding board: verdicts and the CEO one-liner; then the session is complete.
    await draft();
    expect(await page.locator('.recommendation').count()).toBe(3);
    expect(await textOf('.recommendation[data-recommendation-id="c2"] .verdict')).toMatch(/ready/i);
    expect(await textOf('.recommendation[data-recommendation-id="c1"] .ceo-line')).toContain('Spend $425k');
    await page.click('[data-action="advance"]');
    await page.locator('.step-bar-done').waitFor();
    expect(
      await page
        .locator('.step-bar-done .override-list > li')
        .evaluateAll((li) => li.map((l) => l.getAttribute('data-override-step'))),
    ).toEqual(['impact', 'roadmap']);
    for (const step of ['context', 'trends', 'dialogue', 'impact', 'risks', 'roadmap', 'sounding_board']) {
      expect(await stepStatus(step)).toBe('done');
    }
    const exports = await page.locator('.exports a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(exports.map((h) => h!.replace(/\/api\/sessions\/\d+/, ''))).toEqual([
      '/export/memo.md',
      '/export/memo.html',
      '/export/memo.pdf',
      '/export/memo.docx',
      '/export/deck.pptx',
      '/export/roadmap.csv',
      '/export/risks.csv',
      '/export/state-of-the-tech.md',
    ]);
    // The advisor chooses the month a State of the Tech covers.
    await page.fill('.exports-month input', '2027-05');
    expect(await page.locator('.exports a:has-text("State of the Tech")').getAttribute('href')).toMatch(
      /\/export\/state-of-the-tech\.md\?month=2027-05$/,
    );
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.screenshot({ path: `${RESULTS}/exports-wide.png` });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.screenshot({ path: `${RESULTS}/exports-narrow.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('finds everything where it was after a reload', async () => {
    const before = {
      url: page.url(),
      statuses: await page.locator('.step').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))),
      messages: await page.locator('.messages .message').count(),
      transcript: await textOf('.messages'),
    };
    await page.reload();
    await page.locator('.step-bar-done').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.messages .message').length === n, before.messages);
    expect({
      url: page.url(),
      statuses: await page.locator('.step').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))),
      messages: await page.locator('.messages .message').count(),
      transcript: await textOf('.messages'),
    }).toEqual(before);
    expect(await textOf('.artifact-panel')).toContain('Pressure-tested recommendations');
  });

  it('going back to a step marks the later ones stale; "Keep as is" clears one', async () => {
    await page.click('.step[data-step="trends"] button');
    await page.click('button:has-text("Go back to Trends")');
    await page.waitForFunction(
      () => document.querySelector('.step[data-step="trends"]')?.getAttribute('data-status') === 'current',
    );
    expect(await stepStatus('context')).toBe('done');
    for (const step of ['dialogue', 'impact', 'risks', 'roadmap', 'sounding_board'])
      expect(await stepStatus(step)).toBe('stale');
    await page.click('.artifact-tabs button:has-text("5. Risks")');
    expect(await textOf('.artifact-panel .stale-note')).toContain('Keep it as it is');
    await page.click('.artifact-head button:has-text("Keep as is")');
    await expect.poll(() => stepStatus('risks')).toBe('done');
    expect(await stepStatus('roadmap')).toBe('stale');
  });

  it('edits an artifact by hand: a new revision, derived severity updated, server errors beside the field', async () => {
    await page.click('.artifact-tabs button:has-text("5. Risks")');
    const rev = Number(await revision());
    // r3 is 3 × 3 = 9 (Medium); likelihood 5 makes 15: Critical.
    await page.selectOption('tr[data-risk-id="r3"] select[data-path$=".likelihood"]', '5');
    await expect.poll(revision).toBe(String(rev + 1));
    expect(await textOf('tr[data-risk-id="r3"] td[data-score]')).toBe('15');
    expect(await textOf('tr[data-risk-id="r3"]')).toContain('Critical');
    // An empty threat is refused by the server (422): the message shows beside the field, the edit stays open.
    await page.click('tr[data-risk-id="r4"] button[aria-label="Edit threat of r4"]');
    await page.fill('tr[data-risk-id="r4"] .editing textarea', '   ');
    await page.click('tr[data-risk-id="r4"] .editing button:has-text("Save")');
    const error = page.locator('tr[data-risk-id="r4"] .field-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/threat/);
    expect(await revision()).toBe(String(rev + 1));
    await page.click('tr[data-risk-id="r4"] .editing button:has-text("Cancel")');
    // The JSON editor: an out-of-range likelihood comes back as the server's message, naming the field.
    await page.click('button:has-text("Edit as JSON")');
    const json = page.locator('.json-editor textarea');
    const data = JSON.parse(await json.inputValue());
    data.risks[0].likelihood = 9;
    await json.fill(JSON.stringify(data, null, 2));
    await page.click('button:has-text("Save as new revision")');
    const jsonError = page.locator('.json-editor .field-error');
    await jsonError.waitFor();
    expect(await jsonError.innerText()).toContain('data.risks.0.likelihood');
    await json.fill('{ not json');
    await page.click('button:has-text("Save as new revision")');
    await expect.poll(() => jsonError.innerText()).toContain('not valid JSON');
    await page.click('.json-editor button:has-text("Cancel")');
    expect(await revision()).toBe(String(rev + 1));
  });

  it('keeps the composer text and offers Retry when the session is busy (409)', async () => {
    model.text = `Busy ${'x '.repeat(30)}done`;
    model.delayMs = 25;
    const sessionId = page.url().split('/').at(-1)!;
    // Another tab starts a reply that this page does not know about.
    await page.evaluate(async (id) => {
      await fetch(`/api/sessions/${id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'From another tab' }),
      });
    }, sessionId);
    await send('Nothing I type is lost.');
    const banner = page.locator('.error-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('conflict');
    expect(await banner.innerText()).toContain('still being written');
    expect(await page.inputValue('#composer-text')).toBe('Nothing I type is lost.');
    expect(await page.evaluate((id) => sessionStorage.getItem(`foresight.draft.${id}`), sessionId)).toBe(
      'Nothing I type is lost.',
    );
    await expect
      .poll(async () => (await (await fetch(`${product.url}/api/sessions/${sessionId}`)).json()).liveTurn, {
        timeout: 10_000,
      })
      .toBeNull();
    model.delayMs = 2;
    await banner.locator('button:has-text("Retry")').click();
    await settled(page);
    expect(await page.isVisible('.error-banner')).toBe(false);
    expect(await page.inputValue('#composer-text')).toBe('');
    expect(await page.locator('.messages .message[data-role="user"]').last().innerText()).toContain(
      'Nothing I type is lost.',
    );
  });

  it('shows a model that is rate limited as a readable error with Retry', async () => {
    model.status = 429;
    await send('Is the model there?');
    const banner = page.locator('.error-banner');
    await banner.waitFor();
    await settled(page);
    expect(await banner.innerText()).toMatch(/rate|limit|too many/i);
    expect(await page.locator('.messages .message[data-role="assistant"]').last().getAttribute('data-status')).toBe(
      'failed',
    );
    // The header, where the model is named, says its last call failed, and why on hover.
    const provider = page.locator('[data-testid="provider"]');
    await expect.poll(() => provider.innerText()).toContain('last call failed');
    expect(await provider.getAttribute('class')).toContain('provider-failing');
    expect(await provider.getAttribute('title')).toMatch(
      /^The last call to the model failed: .*(rate|limit|too many)/i,
    );
    model.status = undefined;
    await banner.locator('button:has-text("Retry")').click();
    await settled(page);
    expect(await page.locator('.messages .message[data-role="assistant"]').last().getAttribute('data-status')).toBe(
      'complete',
    );
    await expect.poll(() => provider.innerText()).not.toContain('last call failed');
    // Retry answered the stored message again; it did not send it twice.
    expect(await page.locator('.messages .message[data-role="user"]', { hasText: 'Is the model there?' }).count()).toBe(
      1,
    );
  });

  it('ends a reply that stalls mid-answer, and offers Retry for it after a reload, without retyping', async () => {
    model.text = 'The dispatchers decide which lanes carry the margin, and they have reasons you have not heard yet.';
    model.delayMs = 5;
    model.stallAfterChars = 30;
    const started = Date.now();
    await send('Which lanes matter most?');
    const banner = page.locator('.error-banner');
    await banner.waitFor({ timeout: IDLE_MS + 10_000 });
    await settled(page);
    expect(Date.now() - started).toBeLessThan(IDLE_MS + 10_000);
    expect(await banner.getAttribute('data-kind')).toBe('timeout');
    expect(await banner.innerText()).toMatch(/stopped in the middle of its reply.*What it wrote is kept/);
    const cut = page.locator('.messages .message[data-role="assistant"]').last();
    expect(await cut.getAttribute('data-status')).toBe('incomplete');
    const cutId = await cut.getAttribute('data-message-id');

    // After a reload the error banner is gone, but the cut reply itself offers Retry: the view names it.
    await page.reload();
    await page.locator(`#message-${cutId}`).waitFor();
    await settled(page);
    expect(await page.isVisible('.error-banner')).toBe(false);
    const retry = page.locator(`#message-${cutId} [data-action="retry-reply"]`);
    await retry.waitFor();
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.locator(`#message-${cutId}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/retry-after-reload-1366.png` });
    await page.setViewportSize({ width: 420, height: 860 });
    await page.locator(`#message-${cutId}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/retry-after-reload-420.png` });
    await page.setViewportSize({ width: 1440, height: 900 });

    model.stallAfterChars = undefined;
    await retry.click();
    await settled(page);
    const answer = page.locator('.messages .message[data-role="assistant"]').last();
    expect(await answer.getAttribute('data-status')).toBe('complete');
    expect(await answer.innerText()).toContain('reasons you have not heard yet');
    // The cut attempt stays, marked as replaced, with no second Retry; the question was not sent twice.
    // The mark arrives with the session view the page reloads after the turn, a moment after the reply.
    await page.locator(`#message-${cutId}.message-superseded`).waitFor();
    const replaced = page.locator(`#message-${cutId}`);
    expect(await replaced.innerText()).toContain('Replaced by a retry');
    expect(await replaced.locator('[data-action="retry-reply"]').count()).toBe(0);
    expect(
      await page.locator('.messages .message[data-role="user"]', { hasText: 'Which lanes matter most?' }).count(),
    ).toBe(1);
    await page.setViewportSize({ width: 1366, height: 860 });
    await replaced.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/retry-replaced-1366.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('stops a reply on request and shows it as stopped', async () => {
    model.text = `Long ${'word '.repeat(200)}`;
    model.delayMs = 30;
    await send('Take your time.');
    await page.locator('.live-region .message-body.streaming').waitFor();
    await page.click('button:has-text("Stop")');
    await settled(page);
    const last = page.locator('.messages .message[data-role="assistant"]').last();
    expect(await last.getAttribute('data-status')).toBe('stopped');
    expect(await last.locator('.badge').innerText()).toBe('Stopped');
  });

  it('stops a reply with Esc', async () => {
    model.text = `Long ${'word '.repeat(200)}`;
    model.delayMs = 30;
    await send('Once more, at length.');
    await page.locator('.live-region .message-body.streaming').waitFor();
    await page.keyboard.press('Escape');
    await settled(page);
    expect(await page.locator('.messages .message[data-role="assistant"]').last().getAttribute('data-status')).toBe(
      'stopped',
    );
  });

  it('searches every transcript and marks the matches, safely', async () => {
    await page.click('.app-nav a:has-text("Sessions")');
    await page.waitForURL(`${product.url}/`);
    expect(await textOf('.client-list')).toContain('Northwind Logistics');
    await page.fill('#search-q', 'warehouses');
    await page.press('#search-q', 'Enter');
    const hit = page.locator('.search-hit').first();
    await hit.waitFor();
    expect(await hit.locator('mark').first().innerText()).toMatch(/warehouses/i);
    await hit.click();
    await page.waitForURL(/\/sessions\/\d+#message-\d+$/);
    await page.locator('.message-target').waitFor();
    expect(errors).toEqual([]);
  });

  it("starts the client's next quarter from the previous one, with a Radar Review link", async () => {
    // The client list arrives only after the name is typed, as on a slow connection: the known client's
    // industry must still be filled in, or the form cannot be sent.
    let releaseClients = () => {};
    const clientsHeld = new Promise<void>((resolve) => {
      releaseClients = resolve;
    });
    await page.route('**/api/clients', async (route) => {
      await clientsHeld;
      await route.continue();
    });
    await page.click('.app-nav a:has-text("Sessions")');
    await page.waitForURL(`${product.url}/`);
    await page.fill('#new-client', 'Northwind Logistics');
    await page.fill('#new-quarter', '2027-Q2');
    releaseClients();
    expect(await page.isChecked('input[name="carryOver"]')).toBe(true);
    await page.unroute('**/api/clients');
    expect(await page.inputValue('#new-industry')).toBe('Third-party logistics');
    await page.click('button[type="submit"]:has-text("Start session")');
    await page.waitForURL(/\/sessions\/\d+$/);
    await page.waitForSelector('.message[data-role="assistant"]');
    expect(await textOf('.messages')).toContain('Carried over from 2027-Q1');
    expect(await textOf('.exports')).toContain('Radar Review vs 2027-Q1');
    await page.click('.artifact-tabs button:has-text("5. Risks")');
    await expect.poll(() => textOf('.artifact-pane')).toContain('carried over from the previous quarter');
    expect(errors).toEqual([]);
  });
});
