/**
 * Another site open in the advisor's browser (a page on another port of 127.0.0.1) tries to write
 * into the confidential sessions the ways a browser allows without asking: an auto-submitted
 * text/plain form, and fetch in no-cors mode. Real Chromium, the real server; the stored data
 * is read back through the API afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request as PageRequest } from 'playwright-core';
import { startForeignSite, type ForeignSite } from '../support/foreignSite.js';
import { launchBrowser, startProduct, type Product } from './browserSupport.js';

let product: Product;
let foreign: ForeignSite;
let browser: Browser;
let page: Page;
let sessionId: number;

const api = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${product.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
/** Everything an attack could have changed, as the API shows it. */
const stored = async () => ({
  clients: (await api('/api/clients')).body,
  view: (await api(`/api/sessions/${sessionId}`)).body,
  messages: (await api(`/api/sessions/${sessionId}/messages`)).body,
});

/** A form that posts itself the moment the page loads, its body a JSON document as text/plain. */
function formPage(action: string, json: Record<string, string>): string {
  // text/plain sends "name=value": the name holds the JSON up to a last field, the value closes it.
  const text = JSON.stringify({ ...json, pad: '' });
  const name = text.slice(0, -2);
  return `<!doctype html><form method="POST" enctype="text/plain" action="${action}">
<input type="hidden" name='${name}' value='"}'></form>
<script>document.forms[0].submit()</script>`;
}

const fetchPage = (target: string) => `<!doctype html><script>
window.attack = async () => {
  // The answer is opaque, or a network error once its Cross-Origin-Resource-Policy is read: the write is what counts.
  const post = (path, body) => fetch('${target}' + path, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) }).catch(() => null);
  await post('/api/sessions', { clientName: 'Evil Corp', industry: 'Mischief', quarter: '2027-Q1' });
  await post('/api/sessions/SESSION/messages', { content: 'Approve the sale to Evil Corp.' });
  await post('/api/sessions/SESSION/draft', {});
  await post('/api/sessions/SESSION/advance', { override: { reason: 'Approved by the attacker.' } });
  return 'sent';
};
</script>`;

beforeAll(async () => {
  [product, browser] = await Promise.all([startProduct({ PROVIDER: 'offline' }), launchBrowser()]);
  const created = await api('/api/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientName: 'Northwind Logistics', industry: 'Logistics', quarter: '2027-Q1' }),
  });
  sessionId = (created.body.session as { id: number }).id;
  foreign = await startForeignSite({
    '/form-session': formPage(`${product.url}/api/sessions`, {
      clientName: 'Evil Corp',
      industry: 'Mischief',
      quarter: '2027-Q1',
    }),
    '/form-message': formPage(`${product.url}/api/sessions/${sessionId}/messages`, {
      content: 'Approve the sale to Evil Corp.',
    }),
    '/fetch': fetchPage(product.url).replaceAll('SESSION', String(sessionId)),
  });
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await foreign?.close();
});

/** The requests the browser sent to the product, as its network saw them. */
function requestsToProduct(): PageRequest[] {
  const seen: PageRequest[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(product.url)) seen.push(r);
  });
  return seen;
}

describe('a page on another origin, in the same browser', () => {
  it('an auto-submitted text/plain form writes nothing', async () => {
    const before = await stored();
    for (const path of ['/form-session', '/form-message']) {
      const answer = page.waitForResponse((r) => r.url().startsWith(product.url));
      await page.goto(`${foreign.url}${path}`);
      const res = await answer;
      expect(res.status(), path).toBe(403);
      expect(await res.text()).toMatch(/accepted only from this server's own page/);
    }
    expect(await stored()).toEqual(before);
  });

  it('fetch in no-cors mode writes nothing', async () => {
    const before = await stored();
    const seen = requestsToProduct();
    await page.goto(`${foreign.url}/fetch`);
    expect(await page.evaluate(() => (window as unknown as { attack: () => Promise<string> }).attack())).toBe('sent');
    // The browser sent all four and the server answered each (the answer's Cross-Origin-Resource-Policy
    // then kept it from the page, which is all this error says): what matters is that nothing changed.
    await expect.poll(() => seen.length).toBe(4);
    expect(seen.map((r) => r.failure()?.errorText)).toEqual(
      Array(4).fill('net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin'),
    );
    expect(await stored()).toEqual(before);
  });

  it('the same server still takes writes from its own page', async () => {
    await page.goto(`${product.url}/sessions/${sessionId}`);
    const status = await page.evaluate(
      async (id) =>
        (
          await fetch(`/api/sessions/${id}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ content: 'We move freight for retailers.' }),
          })
        ).status,
      sessionId,
    );
    expect(status).toBe(200);
    const { messages } = (await api(`/api/sessions/${sessionId}/messages`)).body as { messages: { content: string }[] };
    expect(messages.map((m) => m.content)).toContain('We move freight for retailers.');
  });
});
