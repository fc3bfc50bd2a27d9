import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContextArtifact, QuestionFamily, STEP_IDS, TrendLens } from '../../src/domain/index.js';
import { PROMPTS_DIR, PROMPT_ROLES, PromptLibrary } from '../../src/facilitators/promptLibrary.js';
import {
  OFFLINE_BANKS_DIR,
  createOfflineFacilitator,
  loadBanks,
  parseBank,
} from '../../src/facilitators/offline/index.js';
import { familyTemplates } from '../../src/facilitators/offline/dialogue.js';
import { longestFixedPart, templateMatcher } from './questionsIn.js';

const banks = loadBanks();

describe('the prompt files', () => {
  it('load with PromptLibrary.load(): system, opening, reply and extractor for every step', () => {
    const library = PromptLibrary.load();
    for (const step of STEP_IDS) {
      for (const role of ['system', 'opening', 'reply', 'extractor'] as const) {
        const prompt = library.get(step, role);
        expect(prompt.version).toBeGreaterThanOrEqual(1);
        expect(prompt.id).toBe(`${step}/${role}@${prompt.version}`);
        expect(prompt.text.length).toBeGreaterThan(200);
      }
    }
  });

  it('give the sounding board and the roadmap a critic', () => {
    const library = PromptLibrary.load();
    expect(library.get('sounding_board', 'critic').text).toMatch(/CEO[\s\S]*CFO[\s\S]*board[\s\S]*engineer/i);
    expect(library.get('sounding_board', 'critic').text).toMatch(/pre-mortem/i);
    expect(library.find('roadmap', 'critic')).toBeDefined();
  });

  it('use only the placeholders fillTemplate is given (client, industry, currency, quarter, trend; the critic its inputs too)', () => {
    const library = PromptLibrary.load();
    const critic = ['client', 'industry', 'quarter', 'facts', 'record', 'roadmap', 'conversation'];
    for (const step of STEP_IDS) {
      for (const role of PROMPT_ROLES) {
        const names = [...(library.find(step, role)?.text ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
        const allowed = role === 'critic' ? critic : ['client', 'industry', 'currency', 'quarter', 'trend'];
        for (const name of names) expect(allowed, `${step}/${role} uses {{${name}}}`).toContain(name);
      }
    }
  });

  it('make the dialogue reply a Socratic generator: one question, built on the last answer, six families', () => {
    const reply = PromptLibrary.load().get('dialogue', 'reply').text;
    expect(reply).toMatch(/Exactly ONE question/);
    expect(reply).toMatch(/last answer/i);
    for (const family of [
      'Clarify',
      'Probe assumptions',
      'Probe evidence',
      'Other viewpoints',
      'Implications',
      'Question the question',
    ]) {
      expect(reply).toContain(family);
    }
    expect(reply).toMatch(/Name the assumption aloud/i);
    expect(reply).toMatch(/Never\*\* lecture/);
  });

  it('never ask the risk extractor for a severity, and say the EBITDA multiple is an assumption in the roadmap', () => {
    const library = PromptLibrary.load();
    expect(library.get('risks', 'extractor').text).toMatch(/Do \*\*not\*\* output a severity/);
    expect(library.get('roadmap', 'extractor').text).toMatch(/multiple[\s\S]*assum/i);
    expect(library.get('roadmap', 'extractor').text).toMatch(/never story points/);
  });
});

describe('the offline question banks', () => {
  it('load and validate, one per step, each with a version', () => {
    for (const step of STEP_IDS) {
      expect(banks[step].step).toBe(step);
      expect(banks[step].version).toBeGreaterThanOrEqual(1);
      expect(banks[step].opening).toMatch(/offline facilitator/i);
    }
  });

  it('name the artifact field every context, impact, risk, roadmap and sounding-board question fills', () => {
    for (const step of ['context', 'impact', 'risks', 'roadmap', 'sounding_board'] as const) {
      for (const q of banks[step].questions) expect(q.fills.length, q.id).toBeGreaterThan(0);
    }
  });

  it('ask for every field of the company context', () => {
    const fills = new Set(banks.context.questions.flatMap((q) => q.fills));
    const fields = Object.keys(ContextArtifact.shape).filter((f) => !['summary', 'gaps', 'constraints'].includes(f));
    for (const f of [...fields, 'constraints.budget', 'constraints.team', 'constraints.time', 'constraints.regulation'])
      expect(fills).toContain(f);
  });

  it('ask every impact scope, every risk category and every sounding-board lens', () => {
    expect(new Set(banks.impact.questions.map((q) => q.scope))).toEqual(new Set(['company', 'industry', 'market']));
    expect(new Set(banks.risks.questions.map((q) => q.category).filter(Boolean))).toEqual(
      new Set(['technical', 'security', 'organisational', 'market', 'regulatory', 'financial']),
    );
    expect(new Set(banks.sounding_board.questions.map((q) => q.lens).filter(Boolean))).toEqual(
      new Set(['ceo', 'cfo', 'board', 'engineer']),
    );
    const soundingFills = banks.sounding_board.questions.flatMap((q) => q.fills);
    for (const f of [
      'preMortem',
      'evidenceGaps',
      'strongestAlternative',
      'verdict',
      'confidence',
      'ceoOneLiner',
      'supportingPoints',
    ]) {
      expect(soundingFills).toContain(`recommendations[].${f}`);
    }
  });

  it('hold several templated questions per Socratic family, about {{trend}}, some quoting {{last}}', () => {
    for (const family of QuestionFamily.options) {
      const templates = banks.dialogue.families[family];
      expect(templates.length, family).toBeGreaterThanOrEqual(4);
      expect(
        templates.some((t) => t.text.includes('{{trend}}')),
        family,
      ).toBe(true);
    }
    expect(familyTemplates(banks.dialogue).filter((t) => t.text.includes('{{last}}')).length).toBeGreaterThanOrEqual(2);
  });

  it('hold a catalogue of 15–25 trends for 2026–2028 across all six lenses, each with why now, signals and keywords', () => {
    const { catalogue } = banks.trends;
    expect(catalogue.length).toBeGreaterThanOrEqual(15);
    expect(catalogue.length).toBeLessThanOrEqual(25);
    expect(new Set(catalogue.map((t) => t.lens))).toEqual(new Set(TrendLens.options));
    for (const t of catalogue) {
      expect(t.signals.length, t.key).toBeGreaterThanOrEqual(2);
      expect(t.whyNow.length, t.key).toBeGreaterThan(40);
      expect(t.keywords.length, t.key).toBeGreaterThan(3);
    }
    const names = catalogue.map((t) => t.name).join('\n');
    for (const expected of [
      /agentic ai/i,
      /EU AI Act/,
      /FinOps/,
      /post-quantum/i,
      /sovereignty/i,
      /AI-assisted software delivery/,
      /energy/i,
      /talent/i,
    ]) {
      expect(names).toMatch(expected);
    }
  });

  it('recognise each question in the text it was rendered into, and no other question', () => {
    const all = [
      ...STEP_IDS.filter((s) => s !== 'dialogue').flatMap(
        (s) => (banks[s] as { questions: Array<{ id: string; text: string }> }).questions,
      ),
      ...familyTemplates(banks.dialogue),
    ];
    const sample = {
      client: 'Northwind Logistics',
      industry: 'Logistics',
      trend: 'EU AI Act obligations',
      last: 'we will never pay for it',
      insights: '',
      trends: 't1',
      risks: '',
      roadmap: '',
    };
    const render = (text: string) =>
      text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => sample[n as keyof typeof sample] ?? '');
    for (const q of all) {
      expect(longestFixedPart(q.text), q.id).toBeGreaterThanOrEqual(20);
      const rendered = `You said “something”.\n\n**Topic** (question 1 of 9): ${render(q.text)}`;
      const matching = all.filter((other) => templateMatcher(other.text).test(rendered)).map((o) => o.id);
      expect(matching, q.id).toEqual([q.id]);
    }
  });

  it('refuse a broken bank with the file and the field named', () => {
    const raw = JSON.parse(readFileSync(join(OFFLINE_BANKS_DIR, 'risks.json'), 'utf8'));
    raw.questions[0].fills = ['risks[].severity'];
    expect(() => parseBank('risks', raw)).toThrow(
      /prompts\/offline\/risks\.json is not a valid question bank: questions\.0\.fills\.0/,
    );
    raw.questions[0].fills = ['risks[].threat'];
    raw.questions[1].id = raw.questions[0].id;
    expect(() => parseBank('risks', raw)).toThrow(/used twice/);
  });

  it('live beside the prompt files, under prompts/offline', () => {
    expect(OFFLINE_BANKS_DIR).toBe(join(PROMPTS_DIR, 'offline'));
    expect(createOfflineFacilitator({ promptsDir: PROMPTS_DIR }).identity.provider).toBe('offline');
  });

  it('make a missing bank a start-up error that names the file', () => {
    expect(() => createOfflineFacilitator({ promptsDir: '/nowhere' })).toThrow(
      /Cannot read the offline question bank \/nowhere\/offline\/context\.json/,
    );
  });
});
