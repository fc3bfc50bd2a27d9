import { describe, expect, it } from 'vitest';
import { renderMarkdownSafe } from '../../src/export/index.js';
import { executableBits } from './helpers.js';

describe('renderMarkdownSafe', () => {
  it('renders ordinary Markdown: headings, emphasis, lists, tables, links, code', () => {
    const html = renderMarkdownSafe(
      '# Title\n\n**bold** and *em*\n\n- one\n- two\n\n| a | b |\n| :- | -: |\n| 1 \\| 2 | x |\n\n[site](https://example.com "Example")\n\n```ts\nconst x = 1 < 2;\n```\n',
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong> and <em>em</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<td align="left">1 | 2</td>');
    expect(html).toContain('<a href="https://example.com" title="Example" rel="noopener noreferrer nofollow">site</a>');
    expect(html).toContain('<pre><code class="language-ts">const x = 1 &lt; 2;\n</code></pre>');
  });

  it('drops <script> with its content', () => {
    const html = renderMarkdownSafe(
      'before\n\n<script>alert(1)</script>\n\nafter <script src="https://evil.example/x.js"></script>',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('alert(1)');
    expect(html).toContain('before');
    expect(html).toContain('after');
  });

  it('leaves no image and no event handler from <img src=x onerror=alert(1)>', () => {
    const html = renderMarkdownSafe('look: <img src=x onerror=alert(1)> and ![pic](https://tracker.example/p.gif)');
    expect(executableBits(html)).toEqual([]);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('look:');
  });

  it('strips javascript: (and data:, vbscript:) URLs from links, however they are spelled', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '&#106;avascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      '//evil.example/x',
    ]) {
      const html = renderMarkdownSafe(`[x](${href}) <a href="${href}">y</a>`);
      expect(executableBits(html), href).toEqual([]);
      expect(html, href).not.toMatch(/href=/i);
    }
  });

  it('removes iframes, styles, forms, on* attributes and SVG', () => {
    const html = renderMarkdownSafe(
      '<iframe src="https://evil.example"></iframe>\n\n<style>body{display:none}</style>\n\n<p style="color:red" onclick="x()">para</p>\n\n<form action="https://evil.example"><input name=a></form>\n\n<svg onload=alert(1)><circle/></svg>',
    );
    expect(executableBits(html)).toEqual([]);
    expect(html).not.toMatch(/<(iframe|style|form|input|svg)/i);
    expect(html).not.toContain('display:none');
    expect(html).toContain('<p>para</p>');
  });

  it('replaces any rel a link brings with its own', () => {
    expect(renderMarkdownSafe('<a href="https://example.com" rel="opener" target="_blank">x</a>')).toBe(
      '<p><a href="https://example.com" rel="noopener noreferrer nofollow">x</a></p>\n',
    );
  });
});
