/**
 * The strategy memo as a document for the client's leadership, from the same sections as the
 * Markdown and HTML memos. What is addressed to the advisor (which sections must be confirmed or
 * redrafted, which steps are not drafted, who prepared it) goes to a closing "About this memo"
 * instead of interrupting the reading; a section still under revision says so in its heading.
 */
import { STEPS } from '../../domain/index.js';
import { isoDate } from '../format.js';
import { strategyMemoSections, UNDER_REVISION, type MemoSectionKey } from '../memo.js';
import type { ExportInput } from '../types.js';
import { markdownBlocks } from './markdownBlocks.js';
import type { Block, DocSection, MemoDocument } from './types.js';

function pictureAfter(key: MemoSectionKey, input: ExportInput): Block | null {
  const { risks, roadmap } = input.artifacts;
  if (key === 'risks' && risks)
    return {
      kind: 'picture',
      picture: { kind: 'heatMap' },
      caption: 'Every risk on the 5×5 matrix by its ID (see the table above); colour = severity band.',
    };
  if (key === 'roadmap' && roadmap)
    return {
      kind: 'picture',
      picture: { kind: 'timeline' },
      caption: `Roadmap entries by horizon, dated from the start of ${input.session.quarter}; bar length = effort in weeks, with each entry’s deadline.`,
    };
  return null;
}

export function memoDocument(input: ExportInput): MemoDocument {
  const { client, session } = input;
  const sections = strategyMemoSections(input);
  const body = sections.filter((s) => s.title !== null);
  const meta = [
    session.title,
    client.industry,
    session.mode === 'quick_check' ? 'quick check' : null,
    `prepared ${isoDate(input.generatedAt)}`,
  ].filter((x): x is string => x !== null && x.trim() !== '');
  const title = `Strategy memo: ${client.name}, ${session.quarter}`;

  const opening: DocSection = {
    key: 'header',
    blocks: [
      { kind: 'heading', level: 1, runs: [{ text: title }] },
      { kind: 'paragraph', runs: [{ text: meta.join(' · '), italic: true }] },
    ],
  };

  const main: DocSection[] = body.map((s) => {
    const revising = s.staleSteps.length > 0;
    const picture = pictureAfter(s.key, input);
    return {
      key: s.key,
      blocks: [
        { kind: 'heading', level: 2, runs: [{ text: `${s.title}${revising ? ` (${UNDER_REVISION})` : ''}` }] },
        ...markdownBlocks(s.body),
        ...(picture && s.drafted ? [picture] : []),
      ],
    };
  });

  const revising = body.filter((s) => s.staleSteps.length > 0);
  const missing = body.filter((s) => !s.drafted);
  const about: Block[] = [
    { kind: 'heading', level: 2, runs: [{ text: 'About this memo' }] },
    {
      kind: 'paragraph',
      runs: [
        {
          text: `Prepared with ${input.provider.label} on ${isoDate(input.generatedAt)} for ${client.name}, ${session.quarter}. Severity is derived from likelihood × impact; enterprise value is the EBITDA effect × the stated multiple, an assumption to challenge rather than a valuation.`,
        },
      ],
    },
  ];
  if (revising.length > 0)
    about.push({
      kind: 'paragraph',
      runs: [
        { text: 'Under revision: ', bold: true },
        {
          text: `${revising.map((s) => `${s.title} (rests on ${s.staleSteps.map((st) => STEPS[st].title).join(', ')})`).join('; ')}. These were drafted before earlier answers were revised and may still change.`,
        },
      ],
    });
  if (missing.length > 0)
    about.push({
      kind: 'paragraph',
      runs: [{ text: 'Not drafted yet: ', bold: true }, { text: `${missing.map((s) => s.title).join(', ')}.` }],
    });

  return {
    kind: 'Strategy memo',
    title,
    clientName: client.name,
    quarter: session.quarter,
    runningHeader: `${client.name} · ${session.quarter}`,
    sections: [opening, ...main, { key: 'about', blocks: about }],
  };
}
