/**
 * The before and after of each change to what the facilitators produce: `npm run eval -- --compare <ref>
 * --record "<what changed>"` keeps the comparison as a file in eval/changes/, and every RESULTS.md shows
 * them all, newest first, so the report says not only where the product stands but how it got there.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RecordedChange {
  readonly file: string;
  readonly markdown: string;
}

/** A file name that sorts by when and says what: 2026-12-06-0310-labelled-transcript.md (UTC). */
export function changeFileName(title: string, date: Date): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  if (!slug) throw new Error('--record needs a title made of letters or digits, e.g. --record "Labelled transcript"');
  const when = date.toISOString();
  return `${when.slice(0, 10)}-${when.slice(11, 13)}${when.slice(14, 16)}-${slug}.md`;
}

/** The comparison under the title the change is known by; never overwrites an earlier record. */
export function recordChange(dir: string, title: string, comparison: string, date = new Date()): string {
  mkdirSync(dir, { recursive: true });
  const name = changeFileName(title, date);
  let file = join(dir, name);
  for (let n = 2; existsSync(file); n++) file = join(dir, name.replace(/\.md$/, `-${n}.md`));
  writeFileSync(file, `## ${title.trim()}\n\n${demote(comparison, 2)}`);
  return file;
}

/** Every recorded change, newest first (the file names start with the date and time). */
export function readChanges(dir: string): RecordedChange[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .reverse()
    .map((file) => ({ file, markdown: readFileSync(join(dir, file), 'utf8').trim() }));
}

/** Headings `levels` deeper, so a document can sit under another's heading. */
export function demote(markdown: string, levels: number): string {
  return markdown.replace(/^(#{1,6}) /gm, (_, hashes: string) => `${'#'.repeat(Math.min(6, hashes.length + levels))} `);
}
