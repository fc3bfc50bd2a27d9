/**
 * npm run eval [-- options]: runs the personas through the facilitators, checks every session and
 * writes eval/RESULTS.md and eval/results.json.
 *
 *   --facilitator offline,fake,model   which to run (default: offline and fake, and model when one is configured)
 *   --persona id,id                    which personas (default: all in eval/personas/)
 *   --out dir                          where to write the report (default: eval/)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/config.js';
import { evaluate } from './evaluate.js';
import { configuredModel, fakeModelFacilitator, offlineFacilitator, type EvalFacilitator } from './facilitators.js';
import { loadPersonas } from './persona.js';
import { toJson, toMarkdown } from './report.js';

const EVAL_DIR = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      facilitator: { type: 'string' },
      persona: { type: 'string' },
      out: { type: 'string', default: EVAL_DIR },
    },
  });
  if (existsSync('.env')) process.loadEnvFile('.env');
  const configured = configuredModel();
  const kinds = values.facilitator
    ? values.facilitator.split(',').map((s) => s.trim())
    : ['offline', 'fake', ...(configured ? ['model'] : [])];
  const facilitators: EvalFacilitator[] = [];
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
  const personas = loadPersonas(undefined, values.persona ? values.persona.split(',').map((s) => s.trim()) : []);
  try {
    const results = await evaluate(facilitators, personas, { log: (l) => console.error(l) });
    const meta = { generatedAt: new Date().toISOString(), commit: commit() };
    mkdirSync(values.out, { recursive: true });
    const command = ['npm run eval', ...process.argv.slice(2)].join(' ').replace('eval --', 'eval --');
    writeFileSync(join(values.out, 'RESULTS.md'), toMarkdown(results, { ...meta, command }));
    writeFileSync(join(values.out, 'results.json'), `${JSON.stringify(toJson(results, meta), null, 2)}\n`);
    console.log(`Wrote ${join(values.out, 'RESULTS.md')} and results.json (${results.length} sessions).`);
  } finally {
    await Promise.all(facilitators.map((f) => f.close()));
  }
}

function commit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'prompts'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes to src/ or prompts/)` : head;
  } catch {
    return null;
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(e instanceof ConfigError ? 2 : 1);
});
