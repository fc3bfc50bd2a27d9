import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROMPTS_DIR, readPromptSource } from '../src/facilitators/promptLibrary.js';

export interface EvalPrompt {
  readonly text: string;
  /** What the report records, e.g. "eval/judge@1". */
  readonly id: string;
}

/** An eval prompt (prompts/eval/<name>.md): the judge's rubric, the client model's role. */
export function loadEvalPrompt(name: 'judge' | 'client', dir = PROMPTS_DIR): EvalPrompt {
  const file = `prompts/eval/${name}.md`;
  const { version, text } = readPromptSource(file, readFileSync(join(dir, 'eval', `${name}.md`), 'utf8'));
  return { text, id: `eval/${name}@${version}` };
}
