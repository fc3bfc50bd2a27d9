/**
 * The optional judge: with a model configured, one structured call per session scores the
 * dialogue's Socratic quality 1–5 against the rubric in prompts/eval/judge.md, with its reasons.
 */
import { z } from 'zod';
import { fillTemplate } from '../src/facilitators/promptLibrary.js';
import type { ChatModel } from '../src/providers/index.js';
import type { CheckResult } from './checks/types.js';
import type { EvalPrompt } from './prompts.js';
import type { SessionRecord, Tokens } from './record.js';

const Score = z.number().int().min(1).max(5);

export const JudgeVerdict = z.object({
  buildsOnAnswers: Score,
  challengesAssumptions: Score,
  variesFamilies: Score,
  staysConcrete: Score,
  score: Score.describe('overall Socratic quality'),
  reasons: z.array(z.string().trim().min(1).max(600)).min(1).max(6),
});
export type JudgeVerdict = z.infer<typeof JudgeVerdict>;

/** A score of 4 or 5 passes: the judge found the method followed throughout, or nearly. */
export const JUDGE_PASS = 4;

/** The dialogue step as the judge reads it: who said what, in order. */
export function dialogueTranscript(record: SessionRecord): string {
  return record.messages
    .filter((m) => m.step === 'dialogue' && m.kind !== 'draft' && m.content.trim() !== '')
    .map((m) => `${m.role === 'user' ? 'Client' : 'Facilitator'}: ${m.content.trim()}`)
    .join('\n\n');
}

export function judgeCheck(verdict: JudgeVerdict, promptId: string): CheckResult {
  const criteria = `builds on answers ${verdict.buildsOnAnswers}, challenges assumptions ${verdict.challengesAssumptions}, varies families ${verdict.variesFamilies}, stays concrete ${verdict.staysConcrete}`;
  return {
    name: 'judge_socratic',
    scope: 'judge',
    description: `a model scores the dialogue's Socratic quality 1–5 against a rubric (${promptId}); 4 or more passes`,
    passed: verdict.score >= JUDGE_PASS ? 1 : 0,
    total: 1,
    score: verdict.score,
    reasons: [criteria, ...verdict.reasons],
    failures:
      verdict.score >= JUDGE_PASS
        ? []
        : [
            {
              where: 'dialogue',
              detail: `scored ${verdict.score}/5 (${criteria})`,
              excerpt: verdict.reasons.join(' · '),
            },
          ],
  };
}

export async function judgeDialogue(
  model: ChatModel,
  prompt: EvalPrompt,
  record: SessionRecord,
): Promise<{ check: CheckResult; tokens: Tokens }> {
  const text = fillTemplate(prompt.text, {
    client: record.session.clientName,
    industry: record.session.industry,
    transcript: dialogueTranscript(record),
  });
  const result = await model.structured([{ role: 'user', content: text }], JudgeVerdict, {
    signal: AbortSignal.timeout(300_000),
    name: 'socratic_quality',
  });
  return {
    check: judgeCheck(result.value, prompt.id),
    tokens: { in: result.usage.tokensIn ?? 0, out: result.usage.tokensOut ?? 0 },
  };
}
