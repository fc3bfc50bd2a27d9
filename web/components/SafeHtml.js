/**
 * The only components that put markup into the DOM, and only what the page's one sanitizer
 * (markdown.js) returned. Everything else is text rendered by Preact.
 */
import { html, useMemo } from '../lib/html.js';
import { renderMarkdown, sanitizeSvg } from '../markdown.js';

/** @param {{ text: string | null | undefined, class?: string }} props */
export function Markdown({ text, class: cls = 'prose' }) {
  const markup = useMemo(() => renderMarkdown(text), [text]);
  return html`<div class=${cls} dangerouslySetInnerHTML=${{ __html: markup }}></div>`;
}

/** @param {{ svg: string, label: string, class?: string }} props */
export function SvgPicture({ svg, label, class: cls = 'picture' }) {
  const markup = useMemo(() => sanitizeSvg(svg), [svg]);
  return html`<figure class=${cls} aria-label=${label}><div class="picture-scroll" dangerouslySetInnerHTML=${{ __html: markup }}></div></figure>`;
}

/**
 * A search snippet with matches between \u0002 and \u0003: text nodes and <mark>, never markup.
 * @param {{ text: string | null | undefined }} props
 */
export function Highlighted({ text }) {
  /** @type {import('../lib/html.js').Children[]} */
  const parts = [];
  let inside = false;
  let buffer = '';
  for (const ch of String(text ?? '')) {
    if (ch === '\u0002' || ch === '\u0003') {
      if (buffer) parts.push(inside ? html`<mark>${buffer}</mark>` : buffer);
      buffer = '';
      inside = ch === '\u0002';
    } else {
      buffer += ch;
    }
  }
  if (buffer) parts.push(inside ? html`<mark>${buffer}</mark>` : buffer);
  return html`<span class="snippet">${parts}</span>`;
}
