/**
 * The facilitators an eval runs, each built the way the product builds it (src/facilitators/index.ts
 * from src/config.ts): offline; the in-repo fake OpenAI-compatible model, whose scores mean nothing
 * (it proves the harness end to end); and the model the environment configures, if any.
 */
import { loadConfig, type Config } from '../src/config.js';
import type { Facilitator } from '../src/engine/facilitator.js';
import { createFacilitator } from '../src/facilitators/index.js';
import type { FacilitatorInfo, ModelRequest } from './record.js';

export type FacilitatorKind = FacilitatorInfo['kind'];

export interface EvalFacilitator {
  readonly info: FacilitatorInfo;
  /** A fresh facilitator per session (the offline one is stateless; a model one holds its client). */
  make(): Facilitator;
  /** The request bodies the model received so far, in order, where they are recorded (the fake model). */
  requests?(): readonly ModelRequest[];
  close(): Promise<void>;
}

export function offlineFacilitator(): EvalFacilitator {
  const config = loadConfig({ PROVIDER: 'offline' });
  const probe = createFacilitator(config);
  return {
    info: { kind: 'offline', label: probe.identity.label, model: null, meaningless: false },
    make: () => createFacilitator(config),
    close: async () => {},
  };
}

/** The families the fake files its questions under, in turn, when asked (the product asks after each dialogue question). */
const FAKE_FAMILIES = ['clarify', 'probe_evidence', 'implications', 'probe_assumptions', 'other_viewpoints'];

/**
 * The fake answers every reply with one fixed question, every draft with the Northwind fixtures, and
 * a request to file a question's family with the next of FAKE_FAMILIES. It records what it was sent.
 */
export async function fakeModelFacilitator(): Promise<EvalFacilitator> {
  const [{ startFakeOpenAi, structuredName }, { northwindArtifactsQ1, withoutMessageIds }, { structuredFixture }] =
    await Promise.all([
      import('../test/support/fakeOpenAiServer.js'),
      import('../test/support/fixtures.js'),
      import('../test/support/structuredFixtures.js'),
    ]);
  // The fixtures' ledger cites messages of another transcript: a draft citing them is refused (references resolve).
  const fixtures = withoutMessageIds(northwindArtifactsQ1());
  let filed = 0;
  // Recording stays on: the eval's prompt checks read what the model was sent.
  const fake = await startFakeOpenAi((request) => {
    const name = structuredName(request);
    if (name === 'question_family') return { json: { family: FAKE_FAMILIES[filed++ % FAKE_FAMILIES.length] } };
    if (name) return { json: structuredFixture(name, fixtures) };
    return { text: 'What makes you say that?' };
  });
  const config = loadConfig({ OPENAI_BASE_URL: fake.url, MODEL: 'fake-model', MODEL_RETRY_BASE_MS: '1' });
  return {
    info: {
      kind: 'fake',
      label: 'Fake OpenAI-compatible model (fixed replies: scores meaningless, proves the harness)',
      model: 'fake-model',
      meaningless: true,
    },
    make: () => createFacilitator(config),
    requests: () =>
      fake.requests.map((r) => ({
        tool: structuredName(r),
        messages: r.messages.map((m) => ({ role: m.role, content: typeof m.content === 'string' ? m.content : '' })),
      })),
    close: () => fake.close(),
  };
}

/** The model the environment (or .env) configures; null when it configures none. */
export function configuredModel(
  env: NodeJS.ProcessEnv = process.env,
): { config: Config; facilitator: EvalFacilitator } | null {
  const config = loadConfig(env);
  if (config.model.kind === 'offline') return null;
  const probe = createFacilitator(config);
  return {
    config,
    facilitator: {
      info: { kind: 'model', label: probe.identity.label, model: config.model.model, meaningless: false },
      make: () => createFacilitator(config),
      close: async () => {},
    },
  };
}
