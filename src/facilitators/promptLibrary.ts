import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STEP_IDS, type StepId } from '../domain/index.js';

/**
 * system: who the facilitator is at this step; opening: the step's entry prompt, shown as is;
 * reply: how to answer a user's message at this step (dialogue: the Socratic question generator);
 * extractor: how to build the step's artifact; critic: how to attack it (sounding board); family:
 * how to name the family of a question the reply asked (dialogue).
 */
export const PROMPT_ROLES = ['system', 'opening', 'reply', 'extractor', 'critic', 'family'] as const;
export type PromptRole = (typeof PROMPT_ROLES)[number];

export interface Prompt {
  readonly step: StepId;
  readonly role: PromptRole;
  readonly version: number;
  readonly text: string;
  /** What the transcript records, e.g. "dialogue/reply@3". */
  readonly id: string;
}

/** Text every step's prompt shares, in prompts/common/<name>.md: transcript explains the message labels. */
export const COMMON_PROMPTS = ['transcript'] as const;
export type CommonPromptName = (typeof COMMON_PROMPTS)[number];

export interface CommonPrompt {
  readonly name: CommonPromptName;
  readonly version: number;
  readonly text: string;
  /** e.g. "common/transcript@1". */
  readonly id: string;
}

export const PROMPTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prompts');

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/;

/** A prompt file's version (from its front matter) and text; `file` names it in the error. */
export function readPromptSource(file: string, source: string): { version: number; text: string } {
  const m = FRONT_MATTER.exec(source.replace(/\r\n/g, '\n'));
  if (!m) throw new Error(`${file} must start with front matter holding "version: N"`);
  const version = Number(/^version:\s*(\d+)\s*$/m.exec(m[1]!)?.[1]);
  if (!Number.isInteger(version) || version < 1)
    throw new Error(`${file} has no valid "version: N" in its front matter`);
  return { version, text: m[2]!.trim() };
}

export function parsePromptFile(step: StepId, role: PromptRole, source: string): Prompt {
  const { version, text } = readPromptSource(`prompts/${step}/${role}.md`, source);
  return { step, role, version, text, id: `${step}/${role}@${version}` };
}

export class PromptLibrary {
  private constructor(
    private readonly prompts: ReadonlyMap<string, Prompt>,
    private readonly commons: ReadonlyMap<CommonPromptName, CommonPrompt>,
  ) {}

  /** Reads every prompts/<step>/<role>.md once at start-up; a missing system or opening prompt is a start-up error. */
  static load(dir: string = PROMPTS_DIR): PromptLibrary {
    const prompts = new Map<string, Prompt>();
    for (const step of STEP_IDS) {
      const stepDir = join(dir, step);
      if (!existsSync(stepDir)) throw new Error(`Missing prompt folder ${stepDir}`);
      const files = new Set(readdirSync(stepDir));
      for (const role of PROMPT_ROLES) {
        if (!files.has(`${role}.md`)) continue;
        prompts.set(`${step}/${role}`, parsePromptFile(step, role, readFileSync(join(stepDir, `${role}.md`), 'utf8')));
      }
      for (const required of ['system', 'opening', 'reply', 'extractor'] as const) {
        if (!prompts.has(`${step}/${required}`)) throw new Error(`Missing prompt ${join(stepDir, `${required}.md`)}`);
      }
    }
    const commons = new Map<CommonPromptName, CommonPrompt>();
    for (const name of COMMON_PROMPTS) {
      const file = join(dir, 'common', `${name}.md`);
      if (!existsSync(file)) throw new Error(`Missing prompt ${file}`);
      const { version, text } = readPromptSource(`prompts/common/${name}.md`, readFileSync(file, 'utf8'));
      commons.set(name, { name, version, text, id: `common/${name}@${version}` });
    }
    return new PromptLibrary(prompts, commons);
  }

  common(name: CommonPromptName): CommonPrompt {
    const p = this.commons.get(name);
    if (!p) throw new Error(`No common prompt ${name}`);
    return p;
  }

  get(step: StepId, role: PromptRole): Prompt {
    const p = this.prompts.get(`${step}/${role}`);
    if (!p) throw new Error(`No ${role} prompt for step ${step}`);
    return p;
  }

  find(step: StepId, role: PromptRole): Prompt | undefined {
    return this.prompts.get(`${step}/${role}`);
  }
}

/** Fills {{name}} placeholders; an unknown placeholder is left visible rather than silently emptied. */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
