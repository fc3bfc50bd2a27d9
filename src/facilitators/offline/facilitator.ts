/**
 * The offline facilitator: runs the seven steps as a structured interview from curated question
 * banks, and builds each artifact from the user's own answers. No model, no network; stateless apart
 * from the transcript it is handed. It says what it is wherever that matters.
 */
import { join } from 'node:path';
import {
  applyConversationEvent,
  type ModelIdentity,
  type StepId,
  type Usage,
  type UserIntent,
} from '../../domain/index.js';
import type { DraftResult, Facilitator, Opening, ReplyPart, TurnInput } from '../../engine/facilitator.js';
import { OFFLINE_BANKS_DIR, loadBanks, type BankQuestion, type OfflineBanks } from './bank.js';
import { FOOTER, fill, profileExamples, questionBlock, type BankStep, type StepContext } from './common.js';
import { contextStep } from './context.js';
import { buildLedger, dialogueOpening, dialogueReply, ledgerNote } from './dialogue.js';
import { chatReadings, confirmedAck, offlineAnswerForms, questionForm } from './forms.js';
import { impactStep } from './impact.js';
import {
  answersIn,
  asksBack,
  lastAsked,
  lastUserMessage,
  nextQuestion,
  standingQuestion,
  stepMessages,
} from './interview.js';
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
    forms: offlineAnswerForms(BANK_STEPS, contextOf),

    opening(input: TurnInput): Opening {
      if (input.step === 'dialogue') {
        const { text, trendId, question } = dialogueOpening(input, banks.dialogue);
        return { text, promptVersion: version('dialogue'), trendId, question };
      }
      const step = BANK_STEPS[input.step];
      const ctx = contextOf(input);
      const questions = step.questions(ctx);
      const intro =
        input.step === 'sounding_board' && input.session.mode === 'quick_check'
          ? banks.sounding_board.quickCheckOpening
          : banks[input.step].opening;
      return {
        text: `${fill(intro, input, profileExamples(banks, input))}\n\n${questionBlock(questions[0]!, questions, input)}`,
        promptVersion: version(input.step),
        trendId: null,
        question: { id: questions[0]!.id, family: null },
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
        yield {
          ...finish,
          trendId: turn.trendId,
          question: turn.question,
          ...(turn.ledger ? { artifact: turn.ledger } : {}),
        };
        return;
      }
      const turn = bankReply(BANK_STEPS[input.step], ctx, banks[input.step]);
      yield { type: 'text-delta', text: turn.text };
      yield {
        ...finish,
        question: turn.asked ? { id: turn.asked.id, family: null } : null,
        filed: turn.filed,
        ...(turn.userIntent ? { userIntent: turn.userIntent } : {}),
      };
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
      const readings = input.step === 'dialogue' ? [] : chatReadings(BANK_STEPS[input.step], ctx);
      return {
        ...drafted,
        ...(readings.length > 0 ? { readings } : {}),
        usage: NO_USAGE,
        promptVersion: version(input.step),
        promptTokens: null,
        calls: [],
      };
    },
  };
}

interface BankTurn {
  readonly text: string;
  /** The question the reply asks (again, after a question back); null when the bank is done. */
  readonly asked: BankQuestion | null;
  readonly filed: ReadonlyArray<{ readonly questionId: string; readonly declined: boolean }>;
  readonly userIntent?: UserIntent;
}

/**
 * Acknowledge what the latest message filled, then the next unasked question, or say the bank is done.
 * A question back gets the bank's word on what it cannot do, and the question still standing. Reads
 * the persisted state and the latest message only.
 */
function bankReply(
  step: BankStep<BankQuestion>,
  ctx: StepContext,
  bank: { readonly exhausted: string; readonly questionBack: string },
): BankTurn {
  const questions = step.questions(ctx);
  const state = ctx.input.state;
  const last = lastUserMessage(ctx.messages);
  const standing = standingQuestion(state, questions);
  const ask = (question: BankQuestion | null) =>
    question ? questionBlock(question, questions, ctx.input) : fill(bank.exhausted, ctx.input);
  if (last && asksBack(last, standing)) {
    return {
      text: [
        fill(bank.questionBack, ctx.input, { question: truncate(normalise(last.content), 160) }),
        ask(standing),
        FOOTER,
      ].join('\n\n'),
      asked: standing,
      filed: [],
    };
  }
  // Filed as a question back on arrival, but the question it follows takes questions as answers.
  const userIntent = last?.intent === 'question_back' ? ('answer' as const) : undefined;
  const route = step.route && ((q: BankQuestion, text: string) => step.route!(q, text, ctx));
  const answers = last
    ? answersIn({ ...last, intent: userIntent ?? last.intent }, lastAsked(state, questions), questions, route)
    : [];
  const filed = answers.map((a) => ({ questionId: a.question.id, declined: a.declined }));
  const challenge = answers
    .map((a) => (a.declined ? null : (step.challenge?.(a.question, a.text, ctx) ?? null)))
    .find((c) => c !== null);
  if (challenge)
    return { text: [challenge.text, ask(challenge.ask), FOOTER].join('\n\n'), asked: challenge.ask, filed };
  const acks =
    last?.action === 'skip'
      ? ['Skipped: it stays open.']
      : answers.map((a) => {
          const form = a.values ? questionForm(ctx.input.step, a.question) : null;
          return form && a.values ? confirmedAck(form, a.values) : step.ack(a.question, a.text, ctx);
        });
  if (last && acks.length === 0)
    acks.push(isNonAnswer(last.content) ? 'Noted.' : 'Noted, though it answers no question yet.');
  const next = nextQuestion(applyConversationEvent(state, { type: 'filed', entries: filed }), questions);
  return {
    text: [...acks, ask(next), FOOTER].join('\n\n'),
    asked: next,
    filed,
    ...(userIntent ? { userIntent } : {}),
  };
}
