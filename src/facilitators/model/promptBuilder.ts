import { AIMessage, HumanMessage, trimMessages, type BaseMessage } from '@langchain/core/messages';
import { STEPS, chosenTrends, type ArtifactSet, type TranscriptMessage, type StepId } from '../../domain/index.js';
import type { ChatMessage } from '../../providers/types.js';
import { estimateMessageTokens, estimateTokens } from './tokens.js';

/**
 * A turn's prompt, bounded: instructions, the artifacts so far (compact), an extractive summary of
 * older exchanges, and the most recent exchanges, within `budgetTokens`. The full transcript stays
 * in SQLite; only what is sent is bounded, so prompt size levels off however long a session runs.
 */
export interface PromptParts {
  /** The step's instructions (system + reply or extractor prompt), already filled. */
  readonly instructions: string;
  readonly artifacts: ArtifactSet;
  /** The step's conversation, oldest first; its last message is the one being answered. */
  readonly conversation: readonly TranscriptMessage[];
  /** Appended after the conversation, e.g. the request to build the artifact now. */
  readonly finalRequest?: string;
  readonly budgetTokens: number;
}

export interface BuiltPrompt {
  readonly messages: ChatMessage[];
  readonly promptTokens: number;
  /** How many older messages were folded into the summary instead of sent whole. */
  readonly summarised: number;
}

/** Shares of the budget: what is left after instructions and these goes to recent exchanges. */
const ARTIFACT_SHARE = 0.3;
const SUMMARY_SHARE = 0.15;

export async function buildPrompt(parts: PromptParts): Promise<BuiltPrompt> {
  const budget = Math.max(parts.budgetTokens, 400);
  const system = parts.instructions;
  const artifactsText = compactArtifacts(parts.artifacts, Math.floor(budget * ARTIFACT_SHARE));
  const finalRequest = parts.finalRequest ? [{ role: 'user' as const, content: parts.finalRequest }] : [];

  const fixed = estimateMessageTokens([{ content: system }, { content: artifactsText }, ...finalRequest]);
  const conversation = parts.conversation.filter((m) => m.content.trim() !== '');
  const summaryBudget = Math.floor(budget * SUMMARY_SHARE);
  const recentBudget = Math.max(budget - fixed - summaryBudget, 200);

  const recent = await keepMostRecent(conversation, recentBudget);
  const older = conversation.slice(0, conversation.length - recent.length);
  const summary = older.length > 0 ? extractiveSummary(older, summaryBudget) : '';

  const context = [artifactsText, summary].filter(Boolean).join('\n\n');
  const messages: ChatMessage[] = [
    { role: 'system', content: context ? `${system}\n\n${context}` : system },
    ...recent.map((m) => ({ role: m.role, content: m.content }) as ChatMessage),
    ...finalRequest,
  ];
  // Providers want the conversation to open with the user: a leading assistant opening goes into the system text.
  while (messages[1]?.role === 'assistant') {
    const [sys, opener] = [messages[0]!, messages[1]];
    messages.splice(0, 2, {
      role: 'system',
      content: `${sys.content}\n\nYou opened this step with:\n${opener.content}`,
    });
  }
  return { messages, promptTokens: estimateMessageTokens(messages), summarised: older.length };
}

/** The most recent messages that fit, whole, via LangChain's trimMessages with our own counter. */
async function keepMostRecent(
  conversation: readonly TranscriptMessage[],
  maxTokens: number,
): Promise<TranscriptMessage[]> {
  if (conversation.length === 0) return [];
  // Most turns fit whole: no trimming to do, so no message objects to build.
  if (estimateMessageTokens(conversation) <= maxTokens) return [...conversation];
  const asLangChain: BaseMessage[] = conversation.map((m, i) =>
    m.role === 'user'
      ? new HumanMessage({ content: m.content, id: String(i) })
      : new AIMessage({ content: m.content, id: String(i) }),
  );
  const kept = await trimMessages(asLangChain, {
    maxTokens,
    strategy: 'last',
    tokenCounter: (msgs) => estimateMessageTokens(msgs.map((m) => ({ content: String(m.content) }))),
  });
  const recent = kept.map((m) => conversation[Number(m.id)]!);
  // The message being answered is always sent, cut to the budget if it alone is larger.
  const last = conversation[conversation.length - 1]!;
  if (recent.length === 0) return [{ ...last, content: truncate(last.content, maxTokens * 4) }];
  return recent;
}

/** Older exchanges as one line each, newest kept first when even the summary has to be cut. */
export function extractiveSummary(older: readonly TranscriptMessage[], maxTokens: number): string {
  const lines: string[] = [];
  let used = estimateTokens('Earlier in this step (summarised):\n');
  for (let i = older.length - 1; i >= 0; i--) {
    const m = older[i]!;
    const line = `- ${m.role === 'user' ? 'Client' : 'Facilitator'}: ${truncate(firstSentences(m.content), m.role === 'user' ? 240 : 160)}`;
    const cost = estimateTokens(line) + 1;
    if (used + cost > maxTokens) {
      lines.push(`- (${i + 1} earlier messages not shown)`);
      break;
    }
    used += cost;
    lines.push(line);
  }
  return `Earlier in this step (summarised):\n${lines.reverse().join('\n')}`;
}

/** The artifacts as compact JSON, current work last; each step cut to its share when they do not fit. */
export function compactArtifacts(artifacts: ArtifactSet, maxTokens: number): string {
  const entries = (Object.keys(STEPS) as StepId[])
    .filter((s) => artifacts[s] !== undefined)
    .map((s) => [s, JSON.stringify(compactView(s, artifacts))] as const);
  if (entries.length === 0) return '';
  const perStep = Math.floor((maxTokens * 4) / entries.length);
  const body = entries.map(([s, json]) => `${STEPS[s].produces}: ${truncate(json, perStep)}`).join('\n');
  return `What the session has established so far:\n${body}`;
}

/** Trends: only the chosen ones matter downstream. Everything else as stored. */
function compactView(step: StepId, artifacts: ArtifactSet): unknown {
  if (step === 'trends' && artifacts.trends) {
    const chosen = chosenTrends(artifacts.trends);
    return chosen.length > 0 ? { chosen } : artifacts.trends;
  }
  return artifacts[step];
}

function firstSentences(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^(.{20,}?[.?!])\s/.exec(flat);
  return m ? m[1]! : flat;
}

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(maxChars - 1, 0))}…`;
}
