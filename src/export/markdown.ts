import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { ISOLATE_END, ISOLATE_START } from '../domain/index.js';

/**
 * The one server-side sanitizing function: Markdown → HTML → a strict allow-list.
 * Whatever the Markdown holds (user text, model text, raw HTML), what comes out has no scripts,
 * no event handlers, no styles, no frames, no images (no external resources) and no link that
 * is not http(s) or mailto.
 */

// A private instance: nobody else's `marked.use(...)` can change what we render.
const markdown = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'sup',
    'sub',
    'bdi',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
  ],
  allowedAttributes: {
    // `rel` is set by the transform below, whatever the input said.
    a: ['href', 'title', 'rel'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Dropped with their content, not just their tags.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
    'template',
  ],
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
};

/**
 * The isolates that mdText sets around text that could reorder its neighbours (src/domain/prose.ts),
 * as `<bdi>` elements: the same isolation, in the markup. Turned into tags before Markdown reads them,
 * so a web address at the end of an isolate ends at the tag, as GFM links end at "<".
 */
function isolatesAsBdi(md: string): string {
  return md.replaceAll(ISOLATE_START, '<bdi>').replaceAll(ISOLATE_END, '</bdi>');
}

export function renderMarkdownSafe(md: string): string {
  const html = markdown.parse(isolatesAsBdi(md), { async: false });
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}
