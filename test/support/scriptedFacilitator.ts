import type { DraftResult, Facilitator, Opening, ReplyPart, TurnInput } from '../../src/engine/facilitator.js';
import { ProviderError } from '../../src/providers/types.js';

export interface Script {
  /** Text pieces of each reply, in order. */
  chunks: string[];
  /** Wait this long before each piece (ms). */
  delayMs?: number;
  /** Throw a provider error after this many pieces (a cut stream). */
  failAfter?: number;
  artifact?: unknown;
}

/** A test double of the Facilitator interface that replays scripts and records its calls. */
export class ScriptedFacilitator implements Facilitator {
  readonly identity = { provider: 'openai' as const, label: 'Scripted test model', model: 'scripted-1' };
  readonly calls: Array<{ kind: 'reply' | 'draft'; input: TurnInput }> = [];
  script: Script = { chunks: ['Hello ', 'there.'] };
  draftResult: (input: TurnInput) => DraftResult = () => {
    throw new ProviderError('invalid_output', 'No draft scripted.');
  };

  opening(input: TurnInput): Opening {
    return {
      text: `Opening of ${input.step}`,
      promptVersion: `${input.step}/opening@1`,
      trendId: null,
      question: null,
    };
  }

  async *reply(input: TurnInput, signal: AbortSignal): AsyncGenerator<ReplyPart> {
    this.calls.push({ kind: 'reply', input });
    const { chunks, delayMs = 0, failAfter, artifact } = this.script;
    for (const [i, text] of chunks.entries()) {
      if (failAfter !== undefined && i === failAfter)
        throw new ProviderError('network', 'The connection to the model broke mid-reply.', { retryable: true });
      if (delayMs > 0) await sleep(delayMs, signal);
      if (signal.aborted) throw new ProviderError('aborted', 'Stopped.');
      yield { type: 'text-delta', text };
    }
    yield {
      type: 'finish',
      usage: { tokensIn: 10, tokensOut: chunks.length },
      promptVersion: `${input.step}/reply@1`,
      promptTokens: 10,
      calls: [{ purpose: 'reply', usage: { tokensIn: 10, tokensOut: chunks.length }, latencyMs: 1, outcome: 'ok' }],
      question: { id: null, family: null },
      ...(artifact !== undefined ? { artifact } : {}),
    };
  }

  async draft(input: TurnInput): Promise<DraftResult> {
    this.calls.push({ kind: 'draft', input });
    return this.draftResult(input);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
