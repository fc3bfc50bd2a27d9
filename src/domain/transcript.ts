import type { BankProfile } from './bankProfile.js';
import type { StepId, SessionMode, Quarter } from './steps.js';
import type { Progress } from './stepMachine.js';
import type { ProvenanceMap } from './proposals/provenance.js';
import type { QuestionFamily } from './artifacts/index.js';
import type { ConversationAction } from './actions.js';
import type { UserIntent } from './conversation.js';
import type { TypedAnswer } from './forms/answers.js';

export type MessageRole = 'user' | 'assistant';

/**
 * streaming: being generated now (or the server died while it was: fixed to incomplete on start);
 * incomplete: cut off by a crash or a broken stream; stopped: the user pressed stop;
 * failed: the provider failed before any text came.
 */
export type MessageStatus = 'complete' | 'streaming' | 'incomplete' | 'stopped' | 'failed';

/** chat: an ordinary turn; opening: the step's entry prompt; draft: the note beside a drafted artifact. */
export type MessageKind = 'chat' | 'opening' | 'draft';

export interface Message {
  readonly id: number;
  readonly sessionId: number;
  readonly step: StepId;
  /** In the dialogue step, the trend the exchange explores. */
  readonly trendId: string | null;
  readonly role: MessageRole;
  readonly kind: MessageKind;
  readonly content: string;
  readonly status: MessageStatus;
  /**
   * A facilitator message: the bank question it asked (offline; null for a model). A user message:
   * the question it follows. Stored when the message is, never recovered from its text.
   */
  readonly questionId: string | null;
  /** The family of that question (dialogue); null when not known. */
  readonly questionFamily: QuestionFamily | null;
  /** A user message: an answer, a question back or a command (null for a facilitator message, and for old messages not known). */
  readonly intent: UserIntent | null;
  /** A command: the action it took. */
  readonly action: ConversationAction | null;
  readonly provider: string | null;
  readonly model: string | null;
  readonly promptVersion: string | null;
  readonly tokensIn: number | null;
  readonly tokensOut: number | null;
  /** Tokens of the prompt as we built it, counted locally. */
  readonly promptTokens: number | null;
  readonly latencyMs: number | null;
  readonly error: string | null;
  /**
   * A reply that failed, was cut short or stopped, and that a Retry replaced: the id of the reply
   * written instead. Kept and shown, marked; never sent to the model again.
   */
  readonly supersededBy: number | null;
  /**
   * A user message that answered a question through its form: the question and the values the
   * advisor confirmed. A draft takes these as they are; the message's text is what the transcript shows.
   */
  readonly answer?: TypedAnswer | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a facilitator reads of a message: the conversation itself, not its bookkeeping. */
export type TranscriptMessage = Pick<
  Message,
  | 'id'
  | 'step'
  | 'trendId'
  | 'role'
  | 'kind'
  | 'content'
  | 'status'
  | 'questionId'
  | 'questionFamily'
  | 'intent'
  | 'action'
  | 'supersededBy'
  | 'answer'
>;

export interface Client {
  readonly id: number;
  readonly name: string;
  readonly industry: string;
  /**
   * The question banks that fit the client (industry profile and region): as chosen, else inferred
   * from its industry. `profileChosen` says which.
   */
  readonly profile: BankProfile;
  readonly profileChosen: boolean;
  readonly createdAt: string;
  /** ISO 4217 code its amounts are in ("EUR"); null while not set: amounts then show as plain numbers, marked "currency not set". */
  readonly currency: string | null;
  /** Set when the client is archived: off the home list, still searchable, restored by un-archiving. */
  readonly archivedAt: string | null;
}

export interface Session {
  readonly id: number;
  readonly clientId: number;
  readonly quarter: Quarter;
  readonly mode: SessionMode;
  readonly title: string | null;
  readonly progress: Progress;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** carried: copied from the same client's previous quarter when this session started. */
export type ArtifactSource = 'model' | 'offline' | 'user' | 'carried';

export interface ArtifactRevision<T = unknown> {
  readonly id: number;
  readonly sessionId: number;
  readonly step: StepId;
  readonly revision: number;
  readonly data: T;
  readonly source: ArtifactSource;
  readonly provider: string | null;
  readonly model: string | null;
  readonly promptVersion: string | null;
  readonly messageId: number | null;
  /** For a carried revision: the session of the earlier quarter it came from. */
  readonly carriedFrom: number | null;
  /** Where each item came from; null for a revision stored before this was kept (see traceHistory). */
  readonly provenance: ProvenanceMap | null;
  /** The proposal this revision accepted (all of it, or some of its items). */
  readonly proposalId: number | null;
  /** The revision number this one restored. */
  readonly restoredFrom: number | null;
  readonly createdAt: string;
}
