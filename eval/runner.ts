/**
 * Drives whole sessions through the engine's public methods, as the HTTP routes do: create a session,
 * post the persona's answers one by one and wait for each reply, draft each step's artifact, choose
 * trends and move on as an advisor would. Storage details stay out: the record holds words and artifacts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEP_IDS, chosenTrends, type Message, type StepId, type TrendsArtifact } from '../src/domain/index.js';
import { Engine } from '../src/engine/engine.js';
import type { Facilitator } from '../src/engine/facilitator.js';
import type { LiveTurn } from '../src/engine/liveTurn.js';
import { PROMPTS_DIR } from '../src/facilitators/promptLibrary.js';
import { openDatabase } from '../src/storage/index.js';
import { checkReadings, type ListedReading } from './advisor.js';
import type { Answer, Persona } from './persona.js';
import type { EvalMessage, FacilitatorInfo, SessionRecord, Tokens } from './record.js';

/** Who writes the client's side: the script, or a model playing the client from the persona's facts. */
export interface ClientVoice {
  answer(ctx: {
    readonly persona: Persona;
    readonly step: StepId;
    readonly scripted: Answer;
    /** The facilitator's latest words in this step. */
    readonly lastFacilitator: string;
  }): Promise<{ text: string; tokens: Tokens }>;
}

export const SCRIPTED: ClientVoice = {
  answer: async ({ scripted }) => ({ text: scripted.say, tokens: { in: 0, out: 0 } }),
};

export interface RunOptions {
  readonly facilitator: Facilitator;
  readonly info: FacilitatorInfo;
  readonly client?: ClientVoice;
}

const NO_TOKENS: Tokens = { in: 0, out: 0 };

/** The reason the eval gives when it moves on past a step's unmet conditions. */
const EVAL_OVERRIDE_REASON = 'The eval runs every step of the script, whatever a step still lacks.';

export async function runPersona(persona: Persona, options: RunOptions): Promise<SessionRecord> {
  const started = performance.now();
  const client = options.client ?? SCRIPTED;
  const db = openDatabase(':memory:');
  const engine = new Engine({ db, facilitator: options.facilitator, flushIntervalMs: 5 });
  const notes: string[] = [];
  const problems: string[] = [];
  const stepsDone: StepId[] = [];
  const trapMessages: Record<string, number | null> = {};
  let clientTokens = NO_TOKENS;
  const { name: clientName, industry, quarter, currency } = persona.client;
  // The persona's currency and region are the client's: the model facilitator is told the currency,
  // currency_understood judges by it, and the offline banks follow the region.
  const region = regionOf(persona.client.region);
  const id = engine.createSession({ clientName, industry, quarter, currency, mode: 'quarterly', region }).session.id;

  try {
    for (const step of STEP_IDS) {
      for (const scripted of persona.steps[step]) {
        if (scripted.trap) trapMessages[scripted.trap.id] = null;
        // A trap is the point of the exercise: it is said as written, whoever plays the client.
        const said = scripted.trap
          ? { text: scripted.say, tokens: NO_TOKENS }
          : await client.answer({ persona, step, scripted, lastFacilitator: lastAssistant(engine.messages(id), step) });
        clientTokens = add(clientTokens, said.tokens);
        const { error, userMessageId } = await finished(engine.postMessage(id, { content: said.text }));
        if (scripted.trap) trapMessages[scripted.trap.id] = userMessageId;
        if (error) problems.push(`${step}: the reply to “${said.text.slice(0, 60)}” failed: ${error}`);
      }
      const { error: draftError } = await finished(engine.draft(id));
      if (draftError) problems.push(`${step}: the draft failed: ${draftError}`);
      else acceptDraft(engine, id, step, notes);
      if (step === 'trends') chooseTrends(engine, id, notes);
      // What a step still lacks when the script is done is measured, not a reason to stop: the eval
      // moves on anyway (a recorded override, as an advisor would) and notes what was missing.
      const unmet = engine.view(id).unmet;
      if (unmet.length > 0) notes.push(`${step}: moved on anyway: ${unmet.map((c) => c.message).join(' ')}`);
      engine.advance(id, unmet.length > 0 ? { reason: EVAL_OVERRIDE_REASON } : undefined);
      stepsDone.push(step);
    }
  } catch (e) {
    problems.push(`stopped at ${STEP_IDS[stepsDone.length]}: ${(e as Error).message}`);
  }

  const messages = engine.messages(id).map(toEvalMessage);
  const view = engine.view(id);
  await engine.shutdown();
  db.close();
  const assistant = messages.filter((m) => m.role === 'assistant');
  return {
    persona,
    facilitator: options.info,
    session: { clientName, industry, quarter, currency },
    messages,
    artifacts: Object.fromEntries(Object.entries(view.artifacts).map(([step, a]) => [step, a?.data])),
    trapMessages,
    notes,
    problems,
    stepsDone,
    tokens: {
      facilitator: {
        in: assistant.reduce((n, m) => n + (m.tokensIn ?? 0), 0),
        out: assistant.reduce((n, m) => n + (m.tokensOut ?? 0), 0),
      },
      prompts: assistant.reduce((n, m) => n + (m.promptTokens ?? 0), 0),
      client: clientTokens,
      judge: NO_TOKENS,
    },
    promptVersions: [...new Set(assistant.map((m) => m.promptVersion).filter((v): v is string => v !== null))].sort(),
    durationMs: Math.round(performance.now() - started),
  };
}

/** Waits for a turn to end: its error message if it ended with one, and the id of the client's message it stored. */
async function finished(turn: LiveTurn): Promise<{ error: string | null; userMessageId: number | null }> {
  let error: string | null = null;
  let userMessageId: number | null = null;
  const stop = turn.subscribe(0, (e) => {
    if (e.type === 'error') error = e.data.message;
    if (e.type === 'turn') userMessageId = e.data.userMessage?.id ?? null;
  });
  await turn.finished;
  stop();
  return { error, userMessageId };
}

function lastAssistant(messages: readonly Message[], step: StepId): string {
  return messages.filter((m) => m.step === step && m.role === 'assistant').at(-1)?.content ?? '';
}

/**
 * Accepts the step's draft whole, as an advisor pressing "Accept all" would: where drafts are
 * proposals to review, nothing reaches the artifact until then. A draft listing values the offline
 * parser read from the chat is checked first, as the page asks (see advisor.ts): a number its words
 * do not say is corrected in the draft, then the rest is confirmed. Builds that store a draft
 * directly have no proposals, so --compare can run against them too.
 */
function acceptDraft(engine: Engine, id: number, step: StepId, notes: string[]): void {
  const review = engine as unknown as {
    proposal?: (sessionId: number, step: StepId) => { data: unknown; readings?: readonly ListedReading[] } | null;
    editProposal?: (sessionId: number, step: StepId, data: unknown) => unknown;
    acceptProposal?: (sessionId: number, step: StepId, items: undefined, confirmReadings: boolean) => unknown;
  };
  if (typeof review.proposal !== 'function' || typeof review.acceptProposal !== 'function') return;
  const proposal = review.proposal.call(engine, id, step);
  if (!proposal) return;
  const readings = proposal.readings ?? [];
  if (readings.length > 0) {
    const checked = checkReadings(proposal.data, readings);
    notes.push(`${step}: ${readings.length} values read from the chat were listed for the advisor to confirm.`);
    if (checked.corrections.length > 0 && typeof review.editProposal === 'function') {
      review.editProposal.call(engine, id, step, checked.data);
      notes.push(`${step}: the advisor corrected ${checked.corrections.join('; ')}.`);
    }
  }
  review.acceptProposal.call(engine, id, step, undefined, true);
}

/** Two or three trends, as an advisor would pick: the client's own first, then the proposals in order. */
function chooseTrends(engine: Engine, id: number, notes: string[]): void {
  const trends = engine.view(id).artifacts.trends?.data as TrendsArtifact | undefined;
  if (!trends) return;
  const n = chosenTrends(trends).length;
  if (n >= 2 && n <= 3) return;
  const order = [...trends.trends].sort((a, b) => Number(b.origin === 'user') - Number(a.origin === 'user'));
  const pick = new Set(order.slice(0, 2).map((t) => t.id));
  engine.editArtifact(id, 'trends', { trends: trends.trends.map((t) => ({ ...t, chosen: pick.has(t.id) })) });
  notes.push(`trends: ${n} chosen in the draft; the runner chose ${[...pick].join(', ')}`);
}

/** The family labels the offline facilitator prints before its question ("**Probe assumptions.**"). */
const FAMILY_LABELS: ReadonlyArray<[string, string]> = (() => {
  try {
    const bank = JSON.parse(readFileSync(join(PROMPTS_DIR, 'offline', 'dialogue.json'), 'utf8')) as {
      familyLabels?: Record<string, string>;
    };
    return Object.entries(bank.familyLabels ?? {});
  } catch {
    return [];
  }
})();

/**
 * The client's region as an advisor would pick it for the question banks, from the persona's own
 * words; the eval keeps its own reading, as it also runs against the product at an older ref.
 */
function regionOf(words: string): 'eu' | 'us' | 'uk' | null {
  if (/\b(?:EU|Europe|Germany|France|Ireland|Netherlands|Spain|Italy|Austria)\b/.test(words)) return 'eu';
  if (/\b(?:UK|England|Scotland|Wales|Britain)\b/.test(words)) return 'uk';
  if (/\b(?:US|USA|United States|Midwest)\b/.test(words)) return 'us';
  return null;
}

/**
 * The question family of a reply: a field the session recorded, when there is one, under any of the
 * names it may take; else, in the dialogue, the family label the reply shows.
 */
export function familyOf(message: Message): string | null {
  const m = message as unknown as Record<string, unknown>;
  for (const key of ['questionFamily', 'family']) if (typeof m[key] === 'string') return m[key] as string;
  for (const key of ['meta', 'metadata', 'question']) {
    const inner = m[key] as Record<string, unknown> | null | undefined;
    if (inner && typeof inner === 'object') {
      for (const k of ['questionFamily', 'family']) if (typeof inner[k] === 'string') return inner[k] as string;
    }
  }
  if (message.step !== 'dialogue' || message.role !== 'assistant') return null;
  const shown = FAMILY_LABELS.find(([, label]) => message.content.includes(`**${label}.**`));
  return shown?.[0] ?? null;
}

function toEvalMessage(m: Message): EvalMessage {
  return {
    id: m.id,
    step: m.step,
    role: m.role,
    kind: m.kind,
    content: m.content,
    status: m.status,
    family: familyOf(m),
    trendId: m.trendId,
    promptVersion: m.promptVersion,
    tokensIn: m.tokensIn,
    tokensOut: m.tokensOut,
    promptTokens: m.promptTokens,
  };
}

const add = (a: Tokens, b: Tokens): Tokens => ({ in: a.in + b.in, out: a.out + b.out });
