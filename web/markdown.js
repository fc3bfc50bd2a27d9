/**
 * The page's one sanitizing function, `sanitize`, and the two ways it is used: Markdown from a
 * model or a person becomes HTML, and SVG pictures built from artifacts. Nothing that reaches the
 * DOM as markup goes any other way (see SafeHtml in components/SafeHtml.js).
 */
import { Marked } from '/vendor/marked.mjs';
import DOMPurify from '/vendor/purify.mjs';

/** @param {unknown} text */
const escapeHtml = (text) =>
  String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

// A private instance, so no other module's configuration can change what we render. Raw HTML in
// anyone's Markdown is shown as the text it is, never as markup; the sanitizer below is the wall.
const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html({ text, block }) {
      return block ? `<p>${escapeHtml(text)}</p>\n` : escapeHtml(text);
    },
  },
});

/** @type {Readonly<Record<'html' | 'svg', import('/vendor/purify.mjs').Config>>} */
const PROFILES = {
  html: {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'img',
      'iframe',
      'object',
      'embed',
      'svg',
      'math',
    ],
    FORBID_ATTR: ['style', 'id', 'name'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  },
  svg: {
    USE_PROFILES: { svg: true, svgFilters: false },
    FORBID_TAGS: ['a', 'use', 'image', 'foreignObject', 'script', 'style'],
    // role="img" keeps the picture's <title> as its accessible name; data-* attributes stay (DOMPurify's default).
    ADD_ATTR: ['role'],
  },
};

let hooked = false;
function hookLinks() {
  if (hooked) return;
  hooked = true;
  // Links from model output open in a new tab and carry no referrer.
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.getAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
}

/**
 * The one sanitizer: untrusted markup in, markup safe to insert out.
 * @param {unknown} dirty
 * @param {'html' | 'svg'} [profile]
 * @returns {string}
 */
export function sanitize(dirty, profile = 'html') {
  hookLinks();
  const config = PROFILES[profile];
  if (!config) throw new Error(`Unknown sanitizer profile "${profile}"`);
  return DOMPurify.sanitize(String(dirty ?? ''), config);
}

/**
 * Markdown (anyone's) → safe HTML.
 * @param {string | null | undefined} text
 */
export function renderMarkdown(text) {
  return sanitize(markdown.parse(String(text ?? ''), { async: false }), 'html');
}

/**
 * An SVG picture built from an artifact → safe SVG markup.
 * @param {string} svg
 */
export function sanitizeSvg(svg) {
  return sanitize(svg, 'svg');
}
