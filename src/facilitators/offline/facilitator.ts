/**
 * The offline facilitator: runs the seven steps as a structured interview from curated question
 * banks, and builds each artifact from the user's own answers. No model, no network; stateless apart
 * from the transcript it is handed. It says what it is wherever that matters.
 */
import { join } from 'node:path';
import type { ModelIdentity, StepId, Usage } from '../../domain/index.js';
import type { DraftResult, Facilitator, Opening, ReplyPart, TurnInput } from '../../engine/facilitator.js';
import { OFFLINE_BANKS_DIR, loadBanks, type BankQuestion, type OfflineBanks } from './bank.js';
import { FOOTER, fill, questionBlock, type BankStep, type StepContext } from './common.js';
import { contextStep } from './context.js';
import { buildLedger, dialogueOpening, dialogueReply, ledgerNote } from './dialogue.js';
import { impactStep } from './impact.js';
import { asksBack, lastUserMessage, nextQuestion, pairAnswers, standingQuestion, stepMessages } from './interview.js';
import { isNonAnswer, normalise, truncate } from './parse/index.js';
import { risksStep } from './risks.js';
import { roadmapStep } from './roadmap.js';
import { soundingBoardStep } from './soundingBoard.js';
import { trendsStep } from './trends.js';

export interface OfflineFacilitatorOptions {
  /** The folder holding offline/<step>.json (default: the project's prompts/). */
  readonly promptsDir?: string;
  /** The clock for relative dates ("in 90 days", "next year"); tests pass a fixed one. */
  readonly now?: () => Date;
}

export const OFFLINE_IDENTITY: ModelIdentity = {
  provider: 'offline',
  label: 'Offline facilitator (no AI model)',
  model: null,
};

const NO_USAGE: Usage = { tokensIn: null, tokensOut: null };

type BankStepId = Exclude<StepId, 'dialogue'>;

const BANK_STEPS: { readonly [S in BankStepId]: BankStep<BankQuestion> } = {
  context: contextStep as unknown as BankStep<BankQuestion>,
  trends: trendsStep as unknown as BankStep<BankQuestion>,
  impact: impactStep as unknown as BankStep<BankQuestion>,
  risks: risksStep as unknown as BankStep<BankQuestion>,
  roadmap: roadmapStep as unknown as BankStep<BankQuestion>,
  sounding_board: soundingBoardStep as unknown as BankStep<BankQuestion>,
};

export function createOfflineFacilitator(options: OfflineFacilitatorOptions = {}): Facilitator {
  const banks: OfflineBanks = loadBanks(options.promptsDir ? join(options.promptsDir, 'offline') : OFFLINE_BANKS_DIR);
  const now = options.now ?? (() => new Date());
  const version = (step: StepId) => `offline/${step}@${banks[step].version}`;
  const contextOf = (input: TurnInput): StepContext => ({
    input,
    banks,
    messages: stepMessages(input.transcript, input.step),
    now: now(),
  });

  return {
    identity: OFFLINE_IDENTITY,

    opening(input: TurnInput): Opening {
      if (input.step === 'dialogue') {
        const { text, trendId } = dialogueOpening(input, banks.dialogue);
        return { text, promptVersion: version('dialogue'), trendId };
      }
      const step = BANK_STEPS[input.step];
      const ctx = contextOf(input);
      const questions = step.questions(ctx);
      const intro =
        input.step === 'sounding_board' && input.session.mode === 'quick_check'
          ? banks.sounding_board.quickCheckOpening
          : banks[input.step].opening;
      return {
        text: `${fill(intro, input)}\n\n${questionBlock(questions[0]!, questions, input)}`,
        promptVersion: version(input.step),
        trendId: null,
      };
    },

    async *reply(input: TurnInput, signal: AbortSignal): AsyncGenerator<ReplyPart> {
      if (signal.aborted) return;
      const ctx = contextOf(input);
      const finish = {
        type: 'finish' as const,
        usage: NO_USAGE,
        promptVersion: version(input.step),
        promptTokens: null,
        calls: [],
      };
      if (input.step === 'dialogue') {
        const turn = dialogueReply(input, banks.dialogue, ctx.messages);
        yield { type: 'text-delta', text: turn.text };
        yield { ...finish, trendId: turn.trendId, ...(turn.ledger ? { artifact: turn.ledger } : {}) };
        return;
      }
      yield { type: 'text-delta', text: bankReply(BANK_STEPS[input.step], ctx, banks[input.step]) };
      yield finish;
    },

    async draft(input: TurnInput, signal: AbortSignal): Promise<DraftResult> {
      if (signal.aborted) throw signal.reason;
      const ctx = contextOf(input);
      const drafted =
        input.step === 'dialogue'
          ? (() => {
              const ledger = buildLedger(input, banks.dialogue, ctx.messages);
              return { artifact: ledger, note: ledgerNote(ledger) };
            })()
          : BANK_STEPS[input.step].draft(ctx);
      return { ...drafted, usage: NO_USAGE, promptVersion: version(input.step), promptTokens: null, calls: [] };
    },
  };
}

/**
 * Acknowledge what the latest message filled, then the next unasked question, or say the bank is done.
 * A question back gets the bank's word on what it cannot do, and the question still standing.
 */
function bankReply(
  step: BankStep<BankQuestion>,
  ctx: StepContext,
  bank: { readonly exhausted: string; readonly questionBack: string },
): string {
  const questions = step.questions(ctx);
  const last = lastUserMessage(ctx.messages);
  const before = last
    ? standingQuestion(
        ctx.messages.filter((m) => m.id < last.id),
        questions,
      )
    : null;
  if (last && asksBack(last.content, before)) {
    const standing = standingQuestion(ctx.messages, questions);
    const body = standing ? questionBlock(standing, questions, ctx.input) : fill(bank.exhausted, ctx.input);
    return [
      fill(bank.questionBack, ctx.input, { question: truncate(normalise(last.content), 160) }),
      body,
      FOOTER,
    ].join('\n\n');
  }
  const acks = last
    ? pairAnswers(ctx.messages, questions)
        .filter((a) => a.messageId === last.id)
        .map((a) => step.ack(a.question, a.text, ctx))
    : [];
  if (last && acks.length === 0)
    acks.push(isNonAnswer(last.content) ? 'Noted.' : 'Noted, though it answers no question yet.');
  const next = nextQuestion(ctx.messages, questions);
  const body = next ? questionBlock(next, questions, ctx.input) : fill(bank.exhausted, ctx.input);
  return [...acks, body, FOOTER].join('\n\n');
}
