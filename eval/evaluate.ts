import { runChecks } from './checks/index.js';
import type { EvalFacilitator } from './facilitators.js';
import type { Persona } from './persona.js';
import type { SessionResult } from './report.js';
import { runPersona, type ClientVoice } from './runner.js';

/** Every persona through every facilitator, one session at a time, each session checked. */
export async function evaluate(
  facilitators: readonly EvalFacilitator[],
  personas: readonly Persona[],
  options: { client?: ClientVoice; log?: (line: string) => void } = {},
): Promise<SessionResult[]> {
  const results: SessionResult[] = [];
  for (const f of facilitators) {
    for (const persona of personas) {
      options.log?.(`${f.info.kind} · ${persona.id} …`);
      const record = await runPersona(persona, { facilitator: f.make(), info: f.info, client: options.client });
      results.push({ record, checks: runChecks(record) });
    }
  }
  return results;
}
