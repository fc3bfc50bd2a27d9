import { runChecks } from './checks/index.js';
import type { CheckResult } from './checks/types.js';
import type { EvalFacilitator } from './facilitators.js';
import type { Persona } from './persona.js';
import type { SessionRecord, Tokens } from './record.js';
import type { SessionResult } from './report.js';
import { runPersona, type ClientVoice } from './runner.js';

export type Judge = (record: SessionRecord) => Promise<{ check: CheckResult; tokens: Tokens }>;

/** Every persona through every facilitator, one session at a time, each session checked (and judged, if asked). */
export async function evaluate(
  facilitators: readonly EvalFacilitator[],
  personas: readonly Persona[],
  options: { client?: ClientVoice; judge?: Judge; log?: (line: string) => void } = {},
): Promise<SessionResult[]> {
  const results: SessionResult[] = [];
  for (const f of facilitators) {
    for (const persona of personas) {
      options.log?.(`${f.info.kind} · ${persona.id} …`);
      const from = f.requests?.().length ?? 0;
      const run = await runPersona(persona, { facilitator: f.make(), info: f.info, client: options.client });
      const record = f.requests ? { ...run, requests: f.requests().slice(from) } : run;
      const checks = runChecks(record);
      if (!options.judge || f.info.meaningless) {
        results.push({ record, checks });
        continue;
      }
      try {
        const judged = await options.judge(record);
        results.push({
          record: { ...record, tokens: { ...record.tokens, judge: judged.tokens } },
          checks: [...checks, judged.check],
        });
      } catch (e) {
        results.push({
          record: { ...record, problems: [...record.problems, `judge: ${(e as Error).message}`] },
          checks,
        });
      }
    }
  }
  return results;
}
