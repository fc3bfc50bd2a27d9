/**
 * npm run eval [-- options]: runs the personas through the facilitators, checks every session and
 * writes eval/RESULTS.md and eval/results.json.
 *
 *   --facilitator offline,fake,model   which to run (default: offline and fake, and model when one is configured)
 *   --persona id,id                    which personas (default: all in eval/personas/)
 *   --judge                            the configured model scores each dialogue 1–5 against a rubric
 *   --client-model                     the configured model plays the client (traps still as scripted)
 *   --compare <git ref>                run at <ref> and here, print before/after (writes nothing to eval/)
 *   --record "<what changed>"          with --compare: also keep the before/after in eval/changes/, shown in RESULTS.md
 *   --out dir                          where to write the report (default: eval/)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/config.js';
import { readChanges, recordChange } from './changes.js';
import { comparisonMarkdown, runAtRef } from './compare.js';
import { evaluate, type Judge } from './evaluate.js';
import { configuredModel, fakeModelFacilitator, offlineFacilitator, type EvalFacilitator } from './facilitators.js';
import { loadPersonas } from './persona.js';
import { toJson, toMarkdown, type ResultsJson } from './report.js';
import type { ClientVoice } from './runner.js';

const EVAL_DIR = dirname(fileURLToPath(import.meta.url));
const CHANGES_DIR = join(EVAL_DIR, 'changes');

const OPTIONS = {
  facilitator: { type: 'string' },
  persona: { type: 'string' },
  judge: { type: 'boolean', default: false },
  'client-model': { type: 'boolean', default: false },
  compare: { type: 'string' },
  record: { type: 'string' },
  out: { type: 'string' },
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS });
  if (existsSync('.env')) process.loadEnvFile('.env');
  if (values.record !== undefined && !values.compare)
    throw new ConfigError('--record keeps a before/after: use it with --compare <git ref>.');
  if (values.compare) return compare(values.compare, values.record);
  const results = await run(values);
  const meta = { generatedAt: new Date().toISOString(), commit: commit() };
  const out = values.out ?? EVAL_DIR;
  mkdirSync(out, { recursive: true });
  const command = ['npm run eval', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  writeFileSync(join(out, 'RESULTS.md'), toMarkdown(results, { ...meta, command }, readChanges(CHANGES_DIR)));
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(toJson(results, meta), null, 2)}\n`);
  console.log(`Wrote ${join(out, 'RESULTS.md')} and results.json (${results.length} sessions).`);
}

async function run(values: { facilitator?: string; persona?: string; judge: boolean; 'client-model': boolean }) {
  const configured = configuredModel();
  const needsModel = values.judge || values['client-model'];
  if (needsModel && !configured)
    throw new ConfigError(
      '--judge and --client-model need a model: set OPENAI_API_KEY, ANTHROPIC_API_KEY, or OPENAI_BASE_URL and MODEL.',
    );
  const kinds = values.facilitator
    ? values.facilitator.split(',').map((s) => s.trim())
    : ['offline', 'fake', ...(configured ? ['model'] : [])];
  const personas = loadPersonas(undefined, values.persona ? values.persona.split(',').map((s) => s.trim()) : []);
  const facilitators: EvalFacilitator[] = [];
  try {
    for (const kind of kinds) {
      if (kind === 'offline') facilitators.push(offlineFacilitator());
      else if (kind === 'fake') facilitators.push(await fakeModelFacilitator());
      else if (kind === 'model') {
        if (!configured)
          throw new ConfigError(
            '--facilitator model: no model is configured (set OPENAI_API_KEY, ANTHROPIC_API_KEY, or OPENAI_BASE_URL and MODEL).',
          );
        facilitators.push(configured.facilitator);
      } else throw new ConfigError(`--facilitator: "${kind}" is not one of offline, fake, model`);
    }
    let judge: Judge | undefined;
    let client: ClientVoice | undefined;
    if (configured && needsModel) {
      // Loaded only when asked for, so --compare can run this harness against builds that predate them.
      const [{ createConfiguredModel }, { loadEvalPrompt }] = await Promise.all([
        import('../src/facilitators/index.js'),
        import('./prompts.js'),
      ]);
      const model = createConfiguredModel(configured.config)!;
      if (values.judge) {
        const { judgeDialogue } = await import('./judge.js');
        const prompt = loadEvalPrompt('judge');
        judge = (record) => judgeDialogue(model, prompt, record);
      }
      if (values['client-model']) {
        const { modelClient } = await import('./clientModel.js');
        client = modelClient(model, loadEvalPrompt('client'));
      }
    }
    return await evaluate(facilitators, personas, { client, judge, log: (l) => console.error(l) });
  } finally {
    await Promise.all(facilitators.map((f) => f.close()));
  }
}

/** Runs the eval at <ref> and here with the same options (the fake model left out unless asked: it scores nothing). */
async function compare(ref: string, record: string | undefined): Promise<void> {
  const ownOptions = new Set(['--compare', '--record']);
  const passed = process.argv.slice(2).filter((a, i, all) => !ownOptions.has(a) && !ownOptions.has(all[i - 1]!));
  const withoutOut = passed.filter((a, i, all) => a !== '--out' && all[i - 1] !== '--out');
  const args = withoutOut.some((a) => a.startsWith('--facilitator'))
    ? withoutOut
    : [...withoutOut, '--facilitator', configuredModel() ? 'offline,model' : 'offline'];
  console.error(`Running the eval at ${ref} …`);
  const before = runAtRef(ref, args);
  console.error('Running the eval here …');
  const { values } = parseArgs({ options: OPTIONS, args });
  const results = await run(values);
  const after: ResultsJson = toJson(results, { generatedAt: new Date().toISOString(), commit: commit() });
  const comparison = comparisonMarkdown(before, after, ref);
  console.log(comparison);
  if (record !== undefined)
    console.error(
      `Kept in ${recordChange(CHANGES_DIR, record, comparison)}; run npm run eval to show it in RESULTS.md.`,
    );
}

function commit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'prompts', ':!prompts/eval'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} (with uncommitted changes to src/ or prompts/)` : head;
  } catch {
    return null;
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(e instanceof ConfigError ? 2 : 1);
});
