import type { StepId } from '../src/domain/index.js';
import type { Persona } from './persona.js';

/** Which facilitator ran a session; `meaningless` marks the fake model, whose scores only prove the harness. */
export interface FacilitatorInfo {
  readonly kind: 'offline' | 'fake' | 'model';
  readonly label: string;
  readonly model: string | null;
  readonly meaningless: boolean;
}

/** A message as the checks see it: the words, where they were said, and the little metadata the checks need. */
export interface EvalMessage {
  readonly id: number;
  readonly step: StepId;
  readonly role: 'user' | 'assistant';
  /** chat, opening or draft (the note beside a drafted artifact). */
  readonly kind: string;
  readonly content: string;
  readonly status: string;
  /** The question family, where the session records it (see runner.ts for where it is read from). */
  readonly family: string | null;
  /** In the dialogue, the trend the message is about. */
  readonly trendId: string | null;
  readonly promptVersion: string | null;
  readonly tokensIn: number | null;
  readonly tokensOut: number | null;
  /** The prompt the product built for this reply, counted locally (characters / 4); null offline. */
  readonly promptTokens: number | null;
}

/** One request a model received, as the fake model recorded it: a streamed reply (tool null) or a structured call. */
export interface ModelRequest {
  /** The structured output asked for (a step's artifact, "question_family"); null for a streamed reply. */
  readonly tool: string | null;
  readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
}

export interface Tokens {
  readonly in: number;
  readonly out: number;
}

/** One whole session of one persona with one facilitator: what the checks judge. */
export interface SessionRecord {
  readonly persona: Persona;
  readonly facilitator: FacilitatorInfo;
  readonly session: {
    readonly clientName: string;
    readonly industry: string;
    readonly quarter: string;
    /** The client's currency the session was created with (ISO 4217); absent in records made before it existed. */
    readonly currency?: string | null;
  };
  readonly messages: readonly EvalMessage[];
  /** The latest artifact of each step that has one. */
  readonly artifacts: Partial<Record<StepId, unknown>>;
  /** The id of the client message that sprang each trap (by trap id); null if it was never sent. */
  readonly trapMessages: Readonly<Record<string, number | null>>;
  /** What the runner did that an advisor would do by hand (choosing trends, ending the dialogue). */
  readonly notes: readonly string[];
  /** What went wrong: a failed turn, a step the session could not leave. */
  readonly problems: readonly string[];
  readonly stepsDone: readonly StepId[];
  /**
   * Tokens of the facilitator's model calls as the provider reported them, and separately the client
   * model's and the judge's; `prompts` is what the product's prompts measured, counted locally.
   */
  readonly tokens: {
    readonly facilitator: Tokens;
    readonly prompts: number;
    readonly client: Tokens;
    readonly judge: Tokens;
  };
  readonly promptVersions: readonly string[];
  readonly durationMs: number;
  /** What the model was sent, in order, where it was recorded (the fake model); absent otherwise. */
  readonly requests?: readonly ModelRequest[];
}
