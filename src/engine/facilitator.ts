import type {
  AnswerForm,
  AnswerValues,
  ArtifactSet,
  BankProfile,
  AskedRef,
  ConversationState,
  CallRecord,
  ModelIdentity,
  ProviderKind,
  Reading,
  SessionMode,
  StepId,
  TranscriptMessage,
  Usage,
  UserIntent,
} from '../domain/index.js';

/** A reply reads at most this many of the step's latest messages: its cost does not grow with the transcript. */
export const RECENT_MESSAGES = 40;

/** Everything a facilitator may know when it takes its turn; it decides how much of it to use. */
export interface TurnInput {
  readonly session: {
    readonly id: number;
    readonly clientName: string;
    readonly industry: string;
    /** The client's currency (ISO 4217), what amounts are recorded in; null while not set. */
    readonly currency: string | null;
    readonly quarter: string;
    readonly mode: SessionMode;
    /** The question banks that fit the client; inferred from `industry` where a caller has none. */
    readonly profile?: BankProfile;
  };
  readonly step: StepId;
  /** Dialogue step: the trend the user's message answers about. */
  readonly trendId: string | null;
  /** The latest artifact of every step that has one. */
  readonly artifacts: ArtifactSet;
  /**
   * The current step's stored conversation, oldest first, including the user's new message: for a
   * reply, only the latest RECENT_MESSAGES (what the step has established is in `state` and the
   * artifacts); for a draft or an opening, the whole step. Other steps reach the facilitator distilled,
   * as artifacts; the full transcript stays in SQLite.
   */
  readonly transcript: readonly TranscriptMessage[];
  /** The step's conversation state as persisted, the user's new message included. */
  readonly state: ConversationState;
}

export type ReplyPart =
  | { readonly type: 'text-delta'; readonly text: string }
  | {
      readonly type: 'finish';
      readonly usage: Usage;
      readonly promptVersion: string;
      /** Tokens of the prompt as built, counted locally (null when no prompt is sent anywhere). */
      readonly promptTokens: number | null;
      readonly calls: readonly CallRecord[];
      /** Dialogue: the trend the reply's question is about (it may move to the next trend). */
      readonly trendId?: string | null;
      /** The question the reply asks (stored with it); null when it asks none. */
      readonly question: AskedRef | null;
      /** Bank questions the user's message answered or declined (offline), recorded in the state. */
      readonly filed?: ReadonlyArray<{ readonly questionId: string; readonly declined: boolean }>;
      /** How the facilitator read the user's message, when that differs from how it was filed on arrival. */
      readonly userIntent?: UserIntent;
      /** A new revision of the current step's artifact that the reply produced, if any (validated by the engine). */
      readonly artifact?: unknown;
    };

export interface DraftResult {
  /** The current step's artifact; the engine validates it against the step's schema before storing. */
  readonly artifact: unknown;
  /** A short note shown beside it in the transcript, e.g. "Drafted the risk register: 6 risks, 2 Critical." */
  readonly note: string;
  readonly usage: Usage;
  readonly promptVersion: string;
  readonly promptTokens: number | null;
  readonly calls: readonly CallRecord[];
  /**
   * Who wrote the artifact as proposed, when not the facilitator's own model: the critic that revised
   * it on another provider. Its provenance names it.
   */
  readonly author?: { readonly provider: ProviderKind; readonly model: string | null };
  /**
   * Values the offline parser read from answers given in the chat rather than typed into a form: the
   * proposal lists them with their words, and is accepted only once the advisor confirms them.
   */
  readonly readings?: readonly Reading[];
}

export interface Opening {
  readonly text: string;
  readonly promptVersion: string;
  readonly trendId: string | null;
  /** The question the opening asks. */
  readonly question: AskedRef | null;
}

/** What a pasted text pre-fills in a question's form: the values read, and the words each was read from. */
export interface Prefill {
  readonly questionId: string;
  readonly values: AnswerValues;
  /** Field path → the part of the text the value was read from (absent when it cannot be pointed to). */
  readonly readFrom: Readonly<Record<string, string>>;
}

/**
 * Typed answers (offline): the bank questions that fill artifact fields each have a form; a pasted
 * text pre-fills it for the advisor to correct and confirm. Nothing read reaches an artifact until then.
 */
export interface AnswerForms {
  /** The form of the question standing in the step; null when none stands or it fills no fields a form holds. */
  standing(input: TurnInput): AnswerForm | null;
  /** The form of one of the step's questions; null when the step has no such question with a form. */
  form(input: TurnInput, questionId: string): AnswerForm | null;
  prefill(input: TurnInput, questionId: string, text: string): Prefill;
}

/**
 * Who runs the steps: a model behind a ChatModel (ModelFacilitator), or the offline facilitator
 * that works from curated question banks and the user's own answers.
 */
export interface Facilitator {
  readonly identity: ModelIdentity;
  /** The step's entry prompt, posted when the session enters the step. No model call. */
  opening(input: TurnInput): Opening;
  /** The answer to the user's latest message, streamed. */
  reply(input: TurnInput, signal: AbortSignal): AsyncIterable<ReplyPart>;
  /** Builds the current step's artifact from the conversation so far. */
  draft(input: TurnInput, signal: AbortSignal): Promise<DraftResult>;
  /** Typed answers to its questions, when it asks questions that fill fields (the offline facilitator). */
  readonly forms?: AnswerForms;
}
