/**
 * Reads the memo's own Markdown (built by memo.ts, with every user and model string escaped) back
 * into blocks, with marked's lexer: one plan, rendered to Markdown, HTML, PDF and Word alike.
 * Escapes come back as the literal characters the user typed; raw HTML is text, except the <br>
 * that mdCell puts between the lines of a table cell.
 */
import { Marked, type Token, type Tokens } from 'marked';
import type { Block, Run } from './types.js';

const lexer = new Marked({ gfm: true, breaks: false, async: false });

interface Style {
  readonly bold?: boolean;
  readonly italic?: boolean;
}

function runs(tokens: readonly Token[] | undefined, style: Style = {}): Run[] {
  const out: Run[] = [];
  const push = (text: string, s: Style) => {
    if (text === '') return;
    const last = out.at(-1);
    if (last && !!last.bold === !!s.bold && !!last.italic === !!s.italic) {
      out[out.length - 1] = { ...last, text: last.text + text };
    } else out.push({ text, ...(s.bold ? { bold: true } : {}), ...(s.italic ? { italic: true } : {}) });
  };
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        for (const r of runs((t as Tokens.Strong).tokens, { ...style, bold: true })) push(r.text, r);
        break;
      case 'em':
        for (const r of runs((t as Tokens.Em).tokens, { ...style, italic: true })) push(r.text, r);
        break;
      case 'paragraph':
      case 'del':
      case 'link':
        for (const r of runs((t as Tokens.Paragraph | Tokens.Del | Tokens.Link).tokens, style)) push(r.text, r);
        break;
      case 'br':
        push('\n', style);
        break;
      case 'html':
        push(/^<br\s*\/?>$/i.test((t as Tokens.HTML).text.trim()) ? '\n' : (t as Tokens.HTML).text, style);
        break;
      case 'text': {
        const text = t as Tokens.Text;
        if (text.tokens && text.tokens.length > 0) for (const r of runs(text.tokens, style)) push(r.text, r);
        else push(text.text, style);
        break;
      }
      case 'escape':
      case 'codespan':
        push((t as Tokens.Escape | Tokens.Codespan).text, style);
        break;
      default:
        push('raw' in t && typeof t.raw === 'string' ? t.raw : '', style);
    }
  }
  return out;
}

function blocksOf(tokens: readonly Token[]): Block[] {
  const out: Block[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'heading': {
        const h = t as Tokens.Heading;
        out.push({ kind: 'heading', level: Math.min(3, Math.max(1, h.depth)) as 1 | 2 | 3, runs: runs(h.tokens) });
        break;
      }
      case 'paragraph':
        out.push({ kind: 'paragraph', runs: runs((t as Tokens.Paragraph).tokens) });
        break;
      case 'list': {
        const l = t as Tokens.List;
        out.push({ kind: 'list', ordered: l.ordered, items: l.items.map((i) => runs(i.tokens)) });
        break;
      }
      case 'table': {
        const tb = t as Tokens.Table;
        out.push({
          kind: 'table',
          header: tb.header.map((c) => runs(c.tokens)),
          rows: tb.rows.map((r) => r.map((c) => runs(c.tokens))),
        });
        break;
      }
      case 'blockquote': {
        const inner = blocksOf((t as Tokens.Blockquote).tokens);
        const text = inner.flatMap((b) => (b.kind === 'paragraph' ? [...b.runs] : []));
        out.push({ kind: 'note', runs: text });
        break;
      }
      case 'hr':
        out.push({ kind: 'rule' });
        break;
      case 'space':
        break;
      default:
        if ('raw' in t && typeof t.raw === 'string' && t.raw.trim() !== '')
          out.push({ kind: 'paragraph', runs: [{ text: t.raw.trim() }] });
    }
  }
  return out;
}

/** Markdown → blocks; list items and table cells keep their bold and italic runs. */
export function markdownBlocks(markdown: string): Block[] {
  return blocksOf(lexer.lexer(markdown));
}

/** The plain text of some runs, as a reader would see it. */
export function plainText(rs: readonly Run[]): string {
  return rs.map((r) => r.text).join('');
}

/**
 * Text as XML 1.0 can hold it: control characters (other than tab and line breaks), lone surrogates
 * and the two non-characters dropped. Word and PowerPoint refuse a file whose XML holds them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafeText(text: string): string {
  return text.replace(XML_FORBIDDEN, '').replace(LONE_SURROGATE, '');
}
