import { describe, expect, it } from 'vitest';
import { formatMultiple, mdCell, mdText, normalizeForMatch } from '../../src/export/format.js';
import { isolateBidi } from '../../src/domain/index.js';
import { renderMarkdownSafe } from '../../src/export/index.js';

const TRICKY = [
  'We are #1 ##',
  '# not a heading',
  '1. not a list',
  '- not a bullet',
  '> not a quote',
  '=== not an underline',
  'a_b *c* `d` [e](f) ![g](h) <i> &amp; ~j~ | k \\ l',
  'C# and F#, 50% off, $8M ARR',
  '===',
  '+ not a bullet either',
  '2) not a list',
  '~struck?~ no',
  '14.6% gross margin',
  '-5% churn, +3 points',
  '~$9M of revenue',
  '[x] not a task box',
  '[ ] nor this one',
  '[ref]: /a/path "title"',
  '[a][b] and [c] [d](e)',
  'Threat [impact not given: 3 is a placeholder]',
  '## also not a heading ##',
  '#hashtag and #4',
];

const htmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('Markdown escaping of user and model text', () => {
  it.each(TRICKY)('keeps %j literal in a list item, a heading and a table cell', (text) => {
    expect(renderMarkdownSafe(`- ${mdText(text)}`)).toBe(`<ul>\n<li>${htmlText(text)}</li>\n</ul>\n`);
    expect(renderMarkdownSafe(`### ${mdText(text)}`)).toBe(`<h3>${htmlText(text)}</h3>\n`);
    expect(renderMarkdownSafe(`| h |\n| - |\n| ${mdCell(text)} |`)).toContain(`<td>${htmlText(text)}</td>`);
  });

  it('leaves what opens no Markdown as written, so the file reads cleanly as plain text too', () => {
    for (const plain of [
      '14.6% gross margin',
      '-5% churn, +3 points',
      '~$9M of revenue',
      '2027-Q1',
      '=5 engineers',
      'Threat [impact not given: 3 is a placeholder]',
      "We're #4 in the UK mid-market",
      'C# and F#',
    ]) {
      expect(mdText(plain)).toBe(plain);
    }
    expect(mdCell('14.6%')).toBe('14.6%');
    expect(mdText('1. a list')).toBe('1\\. a list');
    expect(mdText('- a bullet')).toBe('\\- a bullet');
  });

  it('keeps e-mail and web addresses exactly as written, in the Markdown and in what marked makes of it', () => {
    const email = 'first_last@example.com';
    const url = 'https://files.example.com/board/q3_board_pack.pdf';
    const text = `Send it to ${email} (the deck: ${url}), or see www.example.com/a_b_c.`;
    const md = mdText(text);
    expect(md).toContain(email);
    expect(md).toContain(url);
    expect(md).toContain('www.example.com/a_b_c.');
    const html = renderMarkdownSafe(md);
    expect(html).toContain(`<a href="mailto:${email}" rel="noopener noreferrer nofollow">${email}</a>`);
    expect(html).toContain(`<a href="${url}" rel="noopener noreferrer nofollow">${url}</a>`);
    expect(html).toContain(
      '<a href="http://www.example.com/a_b_c" rel="noopener noreferrer nofollow">www.example.com/a_b_c</a>.',
    );
    // What a reader sees is what was written: no backslash, nothing cut, nothing in italics.
    expect(html.replace(/<[^>]+>/g, '')).toBe(`<p>${text}</p>\n`.replace(/<[^>]+>/g, ''));
    expect(html).not.toContain('<em>');
    // In a table cell too, and with the text's own syntax still escaped around them.
    const cell = renderMarkdownSafe(`| h |\n| - |\n| ${mdCell(`*Owner:* ${email} | backup_owner`)} |`);
    expect(cell).toContain(
      `<td>*Owner:* <a href="mailto:${email}" rel="noopener noreferrer nofollow">${email}</a> | backup_owner</td>`,
    );
  });

  it('leaves the punctuation after an address outside it, as GFM does', () => {
    expect(renderMarkdownSafe(mdText('Read https://example.com/a_b.'))).toContain('>https://example.com/a_b</a>.');
    expect(renderMarkdownSafe(mdText('(see https://example.com/x_y)'))).toContain('>https://example.com/x_y</a>)');
    expect(renderMarkdownSafe(mdText('https://en.example.org/wiki/A_(b) is it'))).toContain(
      '>https://en.example.org/wiki/A_(b)</a> is it',
    );
  });

  it('sets text that could reorder its neighbours apart as a bidi isolate, and nothing else', () => {
    expect(mdText('\u202eevil.pdf')).toBe('\u2068\u202eevil.pdf\u2069');
    expect(mdText('שלום Northwind')).toBe('\u2068שלום Northwind\u2069');
    expect(mdText('مصنع الرياض')).toBe('\u2068مصنع الرياض\u2069');
    expect(mdText('Northwind Logistics, 2028-Q1')).toBe('Northwind Logistics, 2028-Q1');
    expect(isolateBidi('Société Générale 🚚')).toBe('Société Générale 🚚');
  });

  it('turns line breaks into spaces in running text and into <br> in a table cell', () => {
    expect(mdText('one\ntwo\r\n  three')).toBe('one two three');
    expect(mdCell('one\n\ntwo')).toBe('one<br>two');
    expect(mdCell(null)).toBe('—');
    expect(mdCell('  ', 'none yet')).toBe('none yet');
  });
});

describe('number formatting', () => {
  it('writes a multiple with its sign', () => {
    expect(formatMultiple(8)).toBe('8×');
    expect(formatMultiple(7.5)).toBe('7.5×');
  });
});

describe('normalizeForMatch', () => {
  it('ignores case, accents, punctuation and spacing', () => {
    expect(normalizeForMatch('  AI-assisted  Freight Pricing. ')).toBe(
      normalizeForMatch('ai assisted freight-pricing'),
    );
    expect(normalizeForMatch('Nuevo León')).toBe('nuevo leon');
  });
});
