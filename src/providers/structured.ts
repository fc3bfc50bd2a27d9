import type { z } from 'zod';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import {
  ProviderError,
  isProviderError,
  withCalls,
  type CallRecord,
  type ChatMessage,
  type StructuredOptions,
  type StructuredResult,
  type Usage,
} from './types.js';
import { retryCall, type RetryRun } from './retry.js';
import { NO_USAGE, addUsage, count, since, textOf } from './langchain.js';

/**
 * Structured output shared by both adapters: LangChain's withStructuredOutput (explicit method,
 * includeRaw) for the request, then OUR validation and exactly one repair re-ask.
 * Every way a reply can be unusable is one outcome, "invalid output": a ZodError or
 * OutputParserException thrown inside the request, a parsed value our schema rejects, or no parsed
 * value at all (plain text instead of the tool call, malformed JSON arguments).
 */

export type StructuredMethod = 'functionCalling' | 'jsonSchema';

export interface StructuredDeps {
  /** The LangChain model (built lazily by the adapter, maxRetries: 0). */
  readonly model: () => BaseChatModel;
  readonly method: StructuredMethod;
  readonly toMessages: (messages: readonly ChatMessage[]) => BaseMessage[];
  readonly retry: (signal: AbortSignal) => RetryRun;
}

/** The re-ask, in one place: what was wrong, and to answer again through the same tool. */
export function repairRequest(name: string, issues: readonly string[]): string {
  return [
    `Your previous output for "${name}" did not pass validation. The problems:`,
    ...issues.map((i) => `- ${i}`),
    `Answer again by calling "${name}" with the complete output, corrected so that every problem above is fixed. Keep everything that was already right.`,
  ].join('\n');
}

const MAX_ISSUES = 20;

export function zodIssues(error: z.ZodError): string[] {
  const lines = error.issues.map(
    (i) => `${i.path.length ? i.path.map(String).join('.') : '(the whole output)'}: ${i.message}`,
  );
  return lines.length > MAX_ISSUES
    ? [...lines.slice(0, MAX_ISSUES), `…and ${lines.length - MAX_ISSUES} more problems`]
    : lines;
}

type Verdict<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: string[]; readonly rawText: string };

interface RawMessage {
  readonly content?: unknown;
  readonly tool_calls?: readonly { readonly name?: string; readonly args?: unknown }[];
  readonly invalid_tool_calls?: readonly { readonly name?: string; readonly args?: string }[];
  readonly response_metadata?: Record<string, unknown>;
  readonly additional_kwargs?: Record<string, unknown>;
  readonly usage_metadata?: { readonly input_tokens?: number; readonly output_tokens?: number };
}

const TRUNCATED = new Set(['length', 'max_tokens']);

function validate<T>(schema: z.ZodType<T>, candidate: unknown, rawText: string, extra: string[]): Verdict<T> {
  const result = schema.safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: [...extra, ...zodIssues(result.error)], rawText };
}

/** Judges one reply: `parsed` from LangChain if it has one, else what the raw message holds. */
export function judge<T>(schema: z.ZodType<T>, name: string, raw: RawMessage | undefined, parsed: unknown): Verdict<T> {
  const stop = String(
    raw?.response_metadata?.finish_reason ??
      raw?.response_metadata?.stop_reason ??
      raw?.additional_kwargs?.stop_reason ??
      '',
  );
  const extra = TRUNCATED.has(stop) ? ["The output was cut off at the model's output limit: keep it shorter."] : [];
  const call = raw?.tool_calls?.find((c) => c.name === name) ?? raw?.tool_calls?.[0];
  const rawText = call ? JSON.stringify(call.args ?? {}) : (raw?.invalid_tool_calls?.[0]?.args ?? textOf(raw?.content));
  if (parsed !== null && parsed !== undefined) return validate(schema, parsed, rawText, extra);
  if (call) return validate(schema, call.args, rawText, extra);
  if (raw?.invalid_tool_calls?.length)
    return { ok: false, issues: [...extra, `The arguments of "${name}" were not valid JSON.`], rawText };
  const text = rawText.trim();
  if (text.startsWith('{')) {
    try {
      return validate(schema, JSON.parse(text), rawText, extra);
    } catch {
      return { ok: false, issues: [...extra, 'The output was not valid JSON.'], rawText };
    }
  }
  return {
    ok: false,
    issues: [...extra, `"${name}" was not called: the reply was ${text ? 'plain text' : 'empty'}.`],
    rawText,
  };
}

function usageOf(raw: RawMessage | undefined): Usage {
  return { tokensIn: count(raw?.usage_metadata?.input_tokens), tokensOut: count(raw?.usage_metadata?.output_tokens) };
}

/** A failure thrown inside the request that means "the output was unusable", not "the call failed". */
function isInvalidOutputThrow(e: unknown): e is Error {
  if (typeof e !== 'object' || e === null) return false;
  const { name, lc_error_code: code } = e as { name?: unknown; lc_error_code?: unknown };
  return (
    name === 'ZodError' ||
    name === '$ZodError' ||
    name === 'OutputParserException' ||
    name === 'SyntaxError' ||
    code === 'OUTPUT_PARSING_FAILURE'
  );
}

export async function generateStructured<T>(
  deps: StructuredDeps,
  messages: readonly ChatMessage[],
  schema: z.ZodType<T>,
  options: StructuredOptions,
): Promise<StructuredResult<T>> {
  const { signal, name } = options;
  const run = deps.retry(signal);
  if (signal.aborted) throw new ProviderError('aborted', 'The request to the model was stopped.');
  let runnable: ReturnType<BaseChatModel['withStructuredOutput']>;
  try {
    runnable = deps.model().withStructuredOutput(schema as z.ZodType<Record<string, unknown>>, {
      method: deps.method,
      includeRaw: true,
      name,
    });
  } catch (e) {
    throw run.toError(e); // e.g. no API key configured
  }
  const calls: CallRecord[] = [];

  const ask = async (purpose: 'draft' | 'repair', msgs: readonly ChatMessage[]): Promise<Verdict<T>> => {
    const start = performance.now();
    try {
      const verdict = await retryCall(async () => {
        try {
          const out = (await runnable.invoke(deps.toMessages(msgs), { signal })) as {
            raw?: RawMessage;
            parsed?: unknown;
          };
          return { verdict: judge(schema, name, out.raw, out.parsed), usage: usageOf(out.raw) };
        } catch (e) {
          if (!isInvalidOutputThrow(e) || signal.aborted) throw e;
          const issues =
            'issues' in e && Array.isArray(e.issues)
              ? zodIssues(e as unknown as z.ZodError)
              : ['The output could not be parsed.'];
          return { verdict: { ok: false, issues, rawText: '' } as Verdict<T>, usage: NO_USAGE };
        }
      }, run);
      calls.push({
        purpose,
        usage: verdict.usage,
        latencyMs: since(start),
        outcome: verdict.verdict.ok ? 'ok' : 'invalid_output',
      });
      return verdict.verdict;
    } catch (e) {
      const error = isProviderError(e) ? e : run.toError(e);
      calls.push({
        purpose,
        usage: NO_USAGE,
        latencyMs: since(start),
        outcome: error.kind === 'aborted' ? 'aborted' : 'error',
      });
      throw withCalls(error, calls);
    }
  };

  const total = () => calls.reduce((u, c) => addUsage(u, c.usage), NO_USAGE);
  const draft = await ask('draft', messages);
  if (draft.ok) return { value: draft.value, usage: total(), calls };

  const repairMessages: ChatMessage[] = [
    ...messages,
    ...(draft.rawText.trim() ? [{ role: 'assistant' as const, content: draft.rawText }] : []),
    { role: 'user', content: repairRequest(name, draft.issues) },
  ];
  const repaired = await ask('repair', repairMessages);
  if (repaired.ok) return { value: repaired.value, usage: total(), calls };

  throw withCalls(
    // The issues travel in `issues` (the error event's details and the server log), never in the message.
    new ProviderError(
      'invalid_output',
      'The model answered, but not in the form asked for, even after it was asked once to correct it. Nothing was stored: try again, or edit it by hand.',
      {
        issues: repaired.issues,
        retryable: false,
      },
    ),
    calls,
  );
}
