/**
 * The strategy memo a CEO can read in five minutes: verdicts first, then the reasoning behind them.
 * Missing steps are said plainly ("Not drafted yet"), never invented; a section drafted before earlier
 * answers were revised is marked "under revision", in words the client's leadership can read.
 */
import { STEPS, stepsOf, type StepId } from '../domain/index.js';
import { isoDate, mdText } from './format.js';
import { ceoSection, contextSection, trendsSection } from './memoStory.js';
import { gapsSection, impactSection, risksSection, roadmapSection } from './memoPlan.js';
import { MOVED_ON_TITLE, movedOnSection } from './memoOverrides.js';
import type { ExportInput } from './types.js';

export type MemoSectionKey =
  | 'header'
  | 'ceo'
  | 'context'
  | 'trends'
  | 'impact'
  | 'risks'
  | 'roadmap'
  | 'gaps'
  | 'moved_on'
  | 'footer';

export interface MemoSection {
  readonly key: MemoSectionKey;
  /** Markdown of the whole section, heading included. */
  readonly markdown: string;
  /** The section's title without any mark (null for the header and footer). */
  readonly title: string | null;
  /** The section's content alone, as Markdown: no heading, no stale note (the other formats place those their own way). */
  readonly body: string;
  /** Steps whose artifact the section shows and which are stale. */
  readonly staleSteps: readonly StepId[];
  /** False when the section's own step has no artifact yet. */
  readonly drafted: boolean;
}

export const NOT_DRAFTED = 'Not drafted yet.';

/** How a section drafted before earlier answers were revised is marked, in every format. */
export const UNDER_REVISION = 'under revision';

interface BodySpec {
  readonly key: Exclude<MemoSectionKey, 'header' | 'footer'>;
  readonly title: string;
  /** The step that must belong to the session for the section to appear at all; null: always. */
  readonly step: StepId | null;
  /** Every step whose artifact the section shows (for stale marking). */
  readonly sources: readonly StepId[];
  /** The section's body, or null when its step has no artifact. */
  readonly body: () => string | null;
}

/** The memo in order, as sections, so the HTML export can place pictures beside them. */
export function strategyMemoSections(input: ExportInput): MemoSection[] {
  const { artifacts: a, client, session } = input;
  const inMode = (s: StepId) => stepsOf(session.mode).includes(s);
  const trendName = (id: string) => a.trends?.trends.find((t) => t.id === id)?.name ?? null;
  const entryTitle = (id: string) => a.roadmap?.entries.find((e) => e.id === id)?.title ?? null;

  const specs: BodySpec[] = [
    {
      key: 'ceo',
      title: 'For the CEO',
      step: 'sounding_board',
      sources: ['sounding_board'],
      body: () => (a.sounding_board ? ceoSection(a.sounding_board, entryTitle) : null),
    },
    {
      key: 'context',
      title: 'Company context',
      step: 'context',
      sources: ['context'],
      body: () => (a.context ? contextSection(a.context) : null),
    },
    {
      key: 'trends',
      title: 'Trends we chose',
      step: 'trends',
      sources: ['trends', 'dialogue'],
      body: () => (a.trends ? trendsSection(a.trends, a.dialogue, client.name) : null),
    },
    {
      key: 'impact',
      title: 'Impact forecast',
      step: 'impact',
      sources: ['impact'],
      body: () => (a.impact ? impactSection(a.impact) : null),
    },
    {
      key: 'risks',
      title: 'Top risks',
      step: 'risks',
      sources: ['risks'],
      body: () => (a.risks ? risksSection(a.risks) : null),
    },
    {
      key: 'roadmap',
      title: 'Roadmap',
      step: 'roadmap',
      sources: ['roadmap', 'context'],
      body: () => (a.roadmap ? roadmapSection(a.roadmap, a.context?.constraints ?? null, client.currency) : null),
    },
    {
      key: 'gaps',
      title: 'Open assumptions and evidence gaps',
      step: null,
      sources: ['dialogue', 'sounding_board'],
      body: () =>
        gapsSection({
          dialogue: a.dialogue,
          board: a.sounding_board,
          context: a.context,
          roadmap: a.roadmap,
          inMode,
          trendName,
        }),
    },
  ];
  // Only when there is something to say: a session that lacks nothing shows no empty section.
  const movedOn = movedOnSection(input);
  if (movedOn !== null)
    specs.push({ key: 'moved_on', title: MOVED_ON_TITLE, step: null, sources: [], body: () => movedOn });

  const body: MemoSection[] = specs
    .filter((s) => s.step === null || inMode(s.step))
    .map((s) => {
      const staleSteps = s.sources.filter((step) => input.stale.includes(step) && a[step] !== undefined);
      const content = s.body();
      const heading = `## ${s.title}${staleSteps.length > 0 ? ` (${UNDER_REVISION})` : ''}`;
      const note = staleSteps.length > 0 ? staleNote(staleSteps) : null;
      const markdown = [heading, note, content ?? NOT_DRAFTED].filter((x): x is string => x !== null).join('\n\n');
      return {
        key: s.key,
        markdown,
        title: s.title,
        body: content ?? NOT_DRAFTED,
        staleSteps,
        drafted: content !== null,
      };
    });

  const titles = new Map(specs.map((s) => [s.key, s.title]));
  const staleTitles = body.filter((s) => s.staleSteps.length > 0).map((s) => titles.get(s.key as BodySpec['key'])!);
  const missingTitles = body.filter((s) => !s.drafted).map((s) => titles.get(s.key as BodySpec['key'])!);
  return [header(input, staleTitles), ...body, footer(input, staleTitles, missingTitles)];
}

export function strategyMemoMarkdown(input: ExportInput): string {
  return `${strategyMemoSections(input)
    .map((s) => s.markdown)
    .join('\n\n')}\n`;
}

function staleNote(steps: readonly StepId[]): string {
  const names = steps.map((s) => STEPS[s].title).join(', ');
  return `> **Under revision:** drafted before earlier answers were revised (${names}); it may still change.`;
}

function header(input: ExportInput, staleTitles: readonly string[]): MemoSection {
  const { client, session } = input;
  const meta = [
    session.title,
    client.industry,
    session.mode === 'quick_check' ? 'quick check' : null,
    `generated ${isoDate(input.generatedAt)}`,
  ]
    .filter((x): x is string => x !== null && x.trim() !== '')
    .map(mdText)
    .join(' · ');
  const lines = [`# Strategy memo: ${mdText(client.name)}, ${mdText(session.quarter)}`, '', `*${meta}*`];
  if (staleTitles.length > 0) {
    lines.push(
      '',
      `> **Under revision:** ${staleTitles.join(', ')}. They rest on answers revised after they were drafted and may still change.`,
    );
  }
  return { key: 'header', markdown: lines.join('\n'), title: null, body: '', staleSteps: [], drafted: true };
}

function footer(input: ExportInput, staleTitles: readonly string[], missingTitles: readonly string[]): MemoSection {
  const lines = [
    '---',
    '',
    `Prepared with ${mdText(input.provider.label)} on ${isoDate(input.generatedAt)} for ${mdText(input.client.name)}, ${mdText(input.session.quarter)}. ` +
      'Severity is derived from likelihood × impact; enterprise value is the EBITDA effect × the stated multiple.',
    '',
    staleTitles.length > 0
      ? `**Under revision:** ${staleTitles.join(', ')} (marked above).`
      : 'No section is under revision.',
  ];
  if (missingTitles.length > 0) lines.push('', `**Not drafted yet:** ${missingTitles.join(', ')}.`);
  return { key: 'footer', markdown: lines.join('\n'), title: null, body: '', staleSteps: [], drafted: true };
}
