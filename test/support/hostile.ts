/**
 * A realistic export input with hostile text in every free-text field: HTML and script, Markdown
 * links and headings, spreadsheet formulas, right-to-left overrides and marks, emoji and scripts a
 * PDF font may lack, and one 20,000-character answer. Ids, enums and numbers stay valid, as the
 * schemas guarantee they are.
 */
import type { ExportInput } from '../../src/export/types.js';
import { northwindExportInput } from './fixtures.js';

export const HOSTILE_PAYLOADS = [
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1)) ![x](http://evil.example/x.png) # heading',
  '=HYPERLINK("http://evil.example","click") +1 -2 @SUM(A1)',
  'RTL \u202Eevil\u202C mark \u200F\u2067isolated\u2069',
  'emoji 🚀👩‍💻✅ and 中文 עברית العربية',
  '</w:t></w:r><w:p/> ]]> <a:t>&amp; & " \' \u0001\u0008',
] as const;

/** One answer of 20,000 characters, words and one unbroken run, as a user might paste it. */
export const LONG_ANSWER = `${'A very long pasted answer with words. '.repeat(400)}${'x'.repeat(4800)}`.slice(
  0,
  20_000,
);

const FREE_TEXT = new Set([
  'name',
  'title',
  'threat',
  'summary',
  'description',
  'claim',
  'ceoOneLiner',
  'owner',
  'mitigation',
  'trigger',
  'rationale',
  'change',
  'signpost',
  'text',
  'note',
  'assumption',
  'capexOpex',
  'whyNow',
  'relevance',
  'label',
  'value',
  'decision',
  'consequences',
  'context',
  'response',
  'objection',
  'basis',
  'story',
  'cause',
  'action',
  'strongestAlternative',
  'marketPosition',
  'businessModel',
  'baseline',
  'current',
  'target',
  'budget',
  'team',
  'time',
  'regulation',
  'what',
]);
const FREE_LISTS = new Set([
  'signals',
  'supportingPoints',
  'flipConditions',
  'evidenceGaps',
  'competitors',
  'ceoGoals',
  'gaps',
  'alternatives',
]);

export function hostileExportInput(quarter: '2027-Q1' | '2027-Q2' = '2027-Q2'): ExportInput {
  const input = northwindExportInput(quarter);
  let n = 0;
  const next = () => HOSTILE_PAYLOADS[n++ % HOSTILE_PAYLOADS.length]!;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (FREE_TEXT.has(k) && typeof v === 'string') return [k, `${v} ${next()}`];
        if (FREE_LISTS.has(k) && Array.isArray(v)) return [k, [...v.map((x) => `${x} ${next()}`), next()]];
        return [k, walk(v)];
      }),
    );
  };
  const artifacts = walk(input.artifacts) as ExportInput['artifacts'];
  artifacts.context = { ...artifacts.context!, summary: LONG_ANSWER };
  return {
    ...input,
    artifacts,
    client: {
      ...input.client,
      name: `Northwind ${HOSTILE_PAYLOADS[0]} ${HOSTILE_PAYLOADS[4]}`,
      industry: HOSTILE_PAYLOADS[2],
    },
    session: { ...input.session, title: HOSTILE_PAYLOADS[3] },
    provider: { label: HOSTILE_PAYLOADS[1] },
  };
}
