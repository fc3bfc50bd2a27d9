import { describe, expect, it } from 'vitest';
import { boardDeckPptx, boxesOf, deckPlan, withinBudget } from '../../src/export/index.js';
import { calledReadyDespite, northwindExportInput } from '../support/fixtures.js';
import { hostileExportInput, LONG_ANSWER } from '../support/hostile.js';
import { officeParts, xmlForbiddenChars, xmlText } from '../support/readers.js';

const slideParts = (parts: Record<string, string>) =>
  Object.keys(parts)
    .filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]))
    .map((p) => parts[p]!);

/** The text of each shape (p:sp) and table cell (a:tc) of a slide, as a reader sees it. */
function shapeTexts(xml: string): string[] {
  const shapes = [...xml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g), ...xml.matchAll(/<a:tc\b[\s\S]*?<\/a:tc>/g)];
  return shapes.map((m) => xmlText(m[0], 'a:t')).filter((t) => t !== '');
}

describe('withinBudget', () => {
  it('keeps text that fits, and cuts longer text at a word with an ellipsis', () => {
    expect(withinBudget('  Fund the   pricing model ', 40)).toBe('Fund the pricing model');
    expect(withinBudget('Fund the spot-lane pricing model in 2027 H2', 30)).toBe('Fund the spot-lane pricing…');
    expect(withinBudget('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    expect([...withinBudget('🚀'.repeat(20), 10)]).toHaveLength(10);
  });
});

describe('the board deck', async () => {
  const input = northwindExportInput('2027-Q2');
  const plan = deckPlan(input);
  const parts = await officeParts(await boardDeckPptx(input));
  const slides = slideParts(parts);
  const all = slides.map((s) => xmlText(s, 'a:t')).join(' ');

  it('has six to eight slides, in the order the board reads them', () => {
    expect(slides.length).toBeGreaterThanOrEqual(6);
    expect(slides.length).toBeLessThanOrEqual(8);
    expect(slides.length).toBe(plan.slides.length);
    expect(plan.slides.map((s) => s.kind)).toEqual([
      'title',
      'recommendation',
      'trends',
      'impact',
      'risks',
      'roadmap',
      'ask',
    ]);
  });

  it('names the client, the verdict and the CEO one-liner, and every roadmap title with effort, owner, EBITDA and EV', () => {
    expect(xmlText(slides[0]!, 'a:t')).toContain('Northwind Logistics: technology strategy for 2027-Q2');
    const headline = input.artifacts.sounding_board!.recommendations.find((r) => r.verdict === 'ready')!;
    expect(xmlText(slides[1]!, 'a:t')).toContain('Ready · confidence high');
    expect(xmlText(slides[1]!, 'a:t')).toContain(headline.ceoOneLiner);
    const roadmap = xmlText(slides[5]!, 'a:t');
    for (const e of input.artifacts.roadmap!.entries) expect(roadmap).toContain(e.title);
    for (const h of ['Effort', 'Owner', 'EBITDA / year', 'EV effect']) expect(roadmap).toContain(h);
    // A box collapses whitespace, the no-break space too.
    expect(roadmap).toContain('USD 9,600,000');
    expect(roadmap).toContain('Amounts in USD.');
    expect(all).not.toMatch(/\byou named\b|\byour assumption\b|hover/i);
  });

  it('keeps every text box within its budget, and the file holds exactly the planned text', () => {
    const planned = plan.slides.map((s) => boxesOf(s));
    for (const boxes of planned) for (const b of boxes) expect([...b.text].length).toBeLessThanOrEqual(b.budget);
    plan.slides.forEach((_, i) => {
      const texts = shapeTexts(slides[i]!);
      for (const b of planned[i]!) if (b.text !== '') expect(texts.join('\n')).toContain(b.text);
    });
  });
});

describe('a deck with hostile text in every field', async () => {
  const input = hostileExportInput();
  const plan = deckPlan(input);
  const parts = await officeParts(await boardDeckPptx(input));

  it('is well-formed, holds the hostile text as text, and no box exceeds its budget', () => {
    for (const part of Object.values(parts)) expect(xmlForbiddenChars(part)).toEqual([]);
    const slides = slideParts(parts);
    expect(slides.length).toBe(7);
    expect(slides.join('')).not.toContain('<script>');
    expect(slides.map((s) => xmlText(s, 'a:t')).join(' ')).toContain('<script>alert(1)</script>');
    for (const s of plan.slides) for (const b of boxesOf(s)) expect([...b.text].length).toBeLessThanOrEqual(b.budget);
    expect(LONG_ANSWER.length).toBe(20_000);
  });
});

describe('the board deck of a recommendation called ready despite open objections', async () => {
  const reason = 'the two largest shippers need the reports by June';
  const slides = slideParts(await officeParts(await boardDeckPptx(calledReadyDespite(reason))));

  it('says so beside the verdict, with the reason given, so "Ready" is not read as "nothing open"', () => {
    const recommendation = shapeTexts(slides[1]!);
    expect(recommendation).toContain(`Called ready despite 1 open objection; the reason given: “${reason}”.`);
  });

  it('says nothing of the kind for a verdict reached with every objection answered', async () => {
    const plain = slideParts(await officeParts(await boardDeckPptx(northwindExportInput())));
    expect(plain.map((s) => xmlText(s, 'a:t')).join(' ')).not.toContain('Called ready despite');
  });
});
