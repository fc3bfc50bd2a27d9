import type { Client, Session } from '../domain/index.js';

/** Letters and digits only, lower case, accents dropped (Müller → muller), words joined by hyphens. */
export function slug(text: string, fallback: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || fallback;
}

/**
 * The name of an export file: client, quarter, mode and session id, then what it is, e.g.
 * `northwind-logistics_2027-Q1_quarterly_s12_strategy-memo.md`, or `…_quick-check_s13_…` for a quick
 * check, so files of two sessions never overwrite each other in a downloads folder. Only [a-z0-9_.-]
 * and the quarter's Q: safe in a Content-Disposition header and on every file system.
 */
export function exportFileName(
  x: { readonly client: Pick<Client, 'name'>; readonly session: Pick<Session, 'id' | 'quarter' | 'mode'> },
  what: string,
  extension: string,
): string {
  const mode = x.session.mode === 'quick_check' ? 'quick-check' : 'quarterly';
  return `${slug(x.client.name, 'client')}_${x.session.quarter}_${mode}_s${x.session.id}_${slug(what, 'export')}.${slug(extension, 'txt')}`;
}
