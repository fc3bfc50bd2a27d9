import type { TranscriptMessage } from '../../domain/index.js';
import type { ChatMessage } from '../../providers/types.js';
import type { ContextBlock } from './contextView.js';
import { estimateMessageTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './tokens.js';
import { labelled, shorten, summaryOf, type TrendLedger } from './transcriptView.js';

/**
 * A turn's prompt, bounded by `budgetTokens`: the instructions, what the session has established
 * (the artifacts the step needs, each item whole), a line for every older client message, and the
 * latest exchanges whole, each message labelled. The full transcript stays in SQLite.
 *
 * Over budget, what gives way, in order: the recent exchanges shrink toward the message being
 * answered (older ones become summary lines, never dropped), summary lines get shorter, and the
 * lowest-priority artifact items are left out whole, with the prompt naming them.
 */
export interface PromptParts {
  /** The step's instructions (system + reply or extractor prompt), already filled. */
  readonly instructions: string;
  /** How to read the labels (prompts/common/transcript.md). */
  readonly guide: string;
  /** What the session has established, highest priority first (contextFor). */
  readonly context: readonly ContextBlock[];
  /** Where the conversation stands now, e.g. the trend under discussion; '' for nothing. */
  readonly now?: string;
  /** The step's conversation, oldest first; its last message is the one being answered. */
  readonly conversation: readonly TranscriptMessage[];
  /** Dialogue: each trend's name and ledger ids, for the summary's headings. */
  readonly ledger?: ReadonlyMap<string, TrendLedger>;
  /** Appended after the conversation, e.g. the request to build the artifact now. */
  readonly finalRequest?: string;
  readonly budgetTokens: number;
}

export interface BuiltPrompt {
  readonly messages: ChatMessage[];
  readonly promptTokens: number;
  /** How many older messages were folded into the summary instead of sent whole. */
  readonly summarised: number;
  /** Artifact items left out to fit the budget, by key. */
  readonly leftOut: readonly string[];
}

/** Whatever the artifacts need, this share of the budget stays for the conversation (when it has that much). */
const CONVERSATION_FLOOR_SHARE = 0.3;
/** Of the conversation's share, what the recent exchanges may take before older ones become summary lines. */
const RECENT_SHARE = 0.6;
/** A summary line's length: never shorter than this, however many lines there are, nor longer than the max. */
const MIN_LINE_CHARS = 80;
const MAX_LINE_CHARS = 280;
const MIN_BUDGET = 400;
/** What joining the parts costs: separators, and the heading of a reply of ours that leads the recent exchanges. */
const JOIN_SLACK_TOKENS = 24;

export function buildPrompt(parts: PromptParts): BuiltPrompt {
  const budget = Math.max(parts.budgetTokens, MIN_BUDGET);
  const finalRequest = parts.finalRequest ? [{ role: 'user' as const, content: parts.finalRequest }] : [];
  const head = [parts.instructions, parts.guide, parts.now ?? ''].filter(Boolean).join('\n\n');
  const conversation = parts.conversation.filter((m) => m.content.trim() !== '');
  const lines = conversation.map(labelled);
  const lineTokens = lines.map((l) => estimateTokens(l) + MESSAGE_OVERHEAD_TOKENS);
  const allConversation = lineTokens.reduce((a, b) => a + b, 0);

  const available = budget - estimateMessageTokens([{ content: head }, ...finalRequest]);
  const floor = Math.min(allConversation, Math.floor(budget * CONVERSATION_FLOOR_SHARE));
  const context = fitContext(parts.context, available - floor);
  const forConversation = available - estimateTokens(context.text) - JOIN_SLACK_TOKENS;
  const ledger = parts.ledger ?? new Map<string, TrendLedger>();

  const assemble = (conversationBudget: number) => {
    const { first, summary } = fitConversation(conversation, lineTokens, conversationBudget, ledger);
    const recent = conversation.slice(first);
    const recentLines = lines.slice(first);
    // Providers want the conversation to open with the client: a reply of ours that leads the recent
    // exchanges goes into the system text, as what they continue from.
    let lead = '';
    while (recent[0]?.role === 'assistant') {
      lead += `${lead ? '\n' : ''}${recentLines[0]}`;
      recent.shift();
      recentLines.shift();
    }
    const system = [head, context.text, summary, lead ? `The exchanges below continue from your message:\n${lead}` : '']
      .filter(Boolean)
      .join('\n\n');
    const messages: ChatMessage[] = [
      { role: 'system', content: system },
      ...recent.map((m, i) => ({ role: m.role, content: recentLines[i]! }) as ChatMessage),
      ...finalRequest,
    ];
    return { messages, first, whole: recent.length };
  };

  // The estimates of the parts and of the joined prompt differ by a few tokens: shrink until it fits.
  let built = assemble(forConversation);
  for (let shrink = 1; shrink <= 4 && estimateMessageTokens(built.messages) > budget && built.whole > 1; shrink++)
    built = assemble(forConversation - shrink * (estimateMessageTokens(built.messages) - budget + JOIN_SLACK_TOKENS));
  const { messages } = built;
  // The message being answered alone may be larger than the budget: then it is cut ("…").
  const last = messages.at(finalRequest.length > 0 ? -2 : -1);
  if (last && last.role === 'user' && built.whole === 1 && estimateMessageTokens(messages) > budget) {
    const room = Math.max(budget - estimateMessageTokens(messages.filter((m) => m !== last)), 50) * 4;
    messages.splice(messages.indexOf(last), 1, { role: 'user', content: shorten(last.content, room) });
  }
  return {
    messages,
    promptTokens: estimateMessageTokens(messages),
    summarised: built.first,
    leftOut: context.leftOut,
  };
}

/**
 * Which messages go whole (from `first` on) and the summary of the rest. The recent window first
 * takes what fits in its share; every older client message then gets a line, as long as the rest
 * allows (at least MIN_LINE_CHARS); if even that does not fit, the window gives up its oldest
 * messages to the summary, down to the message being answered.
 */
function fitConversation(
  conversation: readonly TranscriptMessage[],
  lineTokens: readonly number[],
  budget: number,
  ledger: ReadonlyMap<string, TrendLedger>,
): { first: number; summary: string } {
  const total = lineTokens.reduce((a, b) => a + b, 0);
  if (total <= budget || conversation.length <= 1) return { first: 0, summary: '' };
  let first = conversation.length - 1;
  let used = lineTokens[first]!;
  while (first > 0 && used + lineTokens[first - 1]! <= budget * RECENT_SHARE) used += lineTokens[--first]!;
  for (;;) {
    const older = conversation.slice(0, first);
    const answers = older.filter((m) => m.role === 'user').length;
    const room = budget - used;
    if (answers === 0) return { first, summary: '' };
    // Lines as long as the room allows, shortened (never below MIN_LINE_CHARS) until the summary fits.
    let lineChars = Math.min(MAX_LINE_CHARS, Math.max(MIN_LINE_CHARS, Math.floor((room * 4) / answers) - 24));
    let summary = summaryOf(older, lineChars, ledger);
    while (estimateTokens(summary) > room && lineChars > MIN_LINE_CHARS) {
      lineChars = Math.max(MIN_LINE_CHARS, Math.floor((lineChars * room) / estimateTokens(summary)) - 4);
      summary = summaryOf(older, lineChars, ledger);
    }
    if (estimateTokens(summary) <= room || first >= conversation.length - 1) return { first, summary };
    used -= lineTokens[first]!;
    first++;
  }
}

/** The artifact items that fit in `maxTokens`, in priority order; the rest left out whole and named. */
export function fitContext(blocks: readonly ContextBlock[], maxTokens: number): { text: string; leftOut: string[] } {
  if (blocks.length === 0) return { text: '', leftOut: [] };
  const heading = 'What the session has established so far (every item whole; ? = not stated):';
  const all = blocks.flatMap((b) => b.items.map((item) => ({ block: b, item })));
  const cost = (t: string) => Math.ceil((t.length + 1) / 4);
  const headerCost = (b: ContextBlock) => cost(`${b.title}:`);
  let kept = all.length;
  const size = (n: number) => {
    const blocksShown = new Set(all.slice(0, n).map((x) => x.block));
    return (
      cost(heading) +
      [...blocksShown].reduce((s, b) => s + headerCost(b), 0) +
      all.slice(0, n).reduce((s, x) => s + cost(`- ${x.item.text}`), 0) +
      (n < all.length ? cost(leftOutLine(all.slice(n))) : 0)
    );
  };
  while (kept > 0 && size(kept) > maxTokens) kept--;
  const shown = all.slice(0, kept);
  const dropped = all.slice(kept);
  const body = blocks
    .map((b) => {
      const items = shown.filter((x) => x.block === b).map((x) => `- ${x.item.text}`);
      return items.length > 0 ? `${b.title}:\n${items.join('\n')}` : '';
    })
    .filter(Boolean);
  return {
    text: [heading, ...body, ...(dropped.length > 0 ? [leftOutLine(dropped)] : [])].join('\n'),
    leftOut: dropped.map((x) => `${x.block.title}: ${x.item.key}`),
  };
}

/** The items left out, named by artifact: "Roadmap: e5, e6; Company context: gaps". */
function leftOutLine(dropped: ReadonlyArray<{ block: ContextBlock; item: { key: string } }>): string {
  const byBlock = new Map<string, string[]>();
  for (const { block, item } of dropped) byBlock.set(block.title, [...(byBlock.get(block.title) ?? []), item.key]);
  const named = [...byBlock].map(([title, keys]) => `${title}: ${keys.join(', ')}`).join('; ');
  return `Left out to fit this prompt (ask the client rather than guess at them): ${named}.`;
}
