/**
 * Runs every check on a session record. The checks themselves are pure functions in this folder;
 * this module only turns a record into their inputs and their verdicts into results with excerpts.
 */
import { STEP_IDS, factLines, roadmapFacts, type ArtifactSet, type StepId } from '../../src/domain/index.js';
import { trapsOf } from '../persona.js';
import type { EvalMessage, SessionRecord } from '../record.js';
import {
  MIN_PRE_MORTEM,
  defaultScores,
  judgeNames,
  judgeNumbers,
  lensObjections,
  objectionsFromFacts,
  openObjectionTexts,
  placeholders,
  preMortemCauses,
  type RecommendationLike,
  type RiskLike,
} from './artifacts.js';
import { readNumbers } from './numbers.js';
import { citedIdsVisible, contextWhole, familiesVisible, messagesLabelled, stepRequests } from './prompts.js';
import { trapChallenged } from './traps.js';
import { TURN_CHECKS } from './turn.js';
import { excerpt, questionsIn } from './text.js';
import type { CheckResult, Failure, Turn } from './types.js';

/** Steps whose artifact must come from what was said; trends are proposals from outside by design. */
export const FAITHFUL_STEPS: readonly StepId[] = [
  'context',
  'dialogue',
  'impact',
  'risks',
  'roadmap',
  'sounding_board',
];

/** The facilitator's replies to the client, each with the answer it follows and the family before it. */
export function turnsOf(messages: readonly EvalMessage[]): Turn[] {
  const turns: Turn[] = [];
  const lastFamily = new Map<StepId, string | null>();
  const lastQuestion = new Map<StepId, string | null>();
  let lastAnswer: { step: StepId; content: string } | null = null;
  for (const m of messages) {
    if (m.role === 'user') {
      lastAnswer = { step: m.step, content: m.content };
      continue;
    }
    if (m.kind === 'opening') {
      lastFamily.set(m.step, m.family);
      lastQuestion.set(m.step, questionsIn(m.content).at(-1) ?? null);
    }
    if (m.kind !== 'chat' || m.status !== 'complete') continue;
    turns.push({
      step: m.step,
      messageId: m.id,
      text: m.content,
      lastAnswer: lastAnswer?.step === m.step ? lastAnswer.content : null,
      family: m.family,
      previousFamily: lastFamily.get(m.step) ?? null,
      previousQuestion: lastQuestion.get(m.step) ?? null,
    });
    if (m.family !== null) lastFamily.set(m.step, m.family);
    lastQuestion.set(m.step, questionsIn(m.content).at(-1) ?? null);
  }
  return turns;
}

function result(
  name: string,
  scope: CheckResult['scope'],
  description: string,
  items: ReadonlyArray<Failure | null>,
): CheckResult {
  const failures = items.filter((f): f is Failure => f !== null);
  return { name, scope, description, passed: items.length - failures.length, total: items.length, failures };
}

const where = (step: StepId, id: number) => `${step} · message ${id}`;

export function runChecks(record: SessionRecord): CheckResult[] {
  const turns = turnsOf(record.messages);
  const turnResults = TURN_CHECKS.map(({ name, description, check }) =>
    result(
      name,
      'turn',
      description,
      turns.flatMap((t) => {
        const v = check(t);
        if (v === null) return [];
        return [
          v.ok
            ? null
            : {
                where: where(t.step, t.messageId),
                detail: v.detail,
                excerpt: `${t.lastAnswer ? `Client: “${excerpt(t.lastAnswer, 160)}” → ` : ''}Facilitator: “${excerpt(t.text, 400)}”`,
              },
        ];
      }),
    ),
  );
  return [...turnResults, trapResult(record), ...artifactResults(record), ...promptResults(record)];
}

/** What the model was sent, where the run recorded it (the fake model); nothing to judge otherwise. */
function promptResults(record: SessionRecord): CheckResult[] {
  const requests = stepRequests(record.requests ?? [], STEP_IDS);
  return [
    result(
      'ids_visible',
      'prompt',
      'every message the model reads carries its id (and in the dialogue its trend)',
      messagesLabelled(requests, record.messages),
    ),
    result(
      'families_visible',
      'prompt',
      'every earlier dialogue question the model reads carries its family, recorded as data',
      familiesVisible(requests, record.messages),
    ),
    result(
      'context_whole',
      'prompt',
      'every roadmap entry and risk a step pressure-tests or builds on is in its prompt whole, or named as left out',
      contextWhole(requests, record.artifacts),
    ),
    result(
      'cited_ids_visible',
      'prompt',
      'every id a draft cites was in the prompt it was drafted from',
      citedIdsVisible(requests, record.artifacts),
    ),
  ];
}

function replyAfter(messages: readonly EvalMessage[], messageId: number): EvalMessage | null {
  const i = messages.findIndex((m) => m.id === messageId);
  const sent = messages[i];
  if (!sent) return null;
  return messages.slice(i + 1).find((m) => m.role === 'assistant' && m.kind === 'chat' && m.step === sent.step) ?? null;
}

function trapResult(record: SessionRecord): CheckResult {
  const sb = record.artifacts.sounding_board as { recommendations?: RecommendationLike[] } | undefined;
  const openObjections = (sb?.recommendations ?? []).flatMap(openObjectionTexts);
  const items = trapsOf(record.persona).map(({ trap, step }) => {
    const sentId = record.trapMessages[trap.id] ?? null;
    const sent = sentId === null ? null : record.messages.find((m) => m.id === sentId);
    const reply = sentId === null ? null : replyAfter(record.messages, sentId);
    const v = trapChallenged(trap, { reply: reply?.content ?? null, openObjections });
    if (v.ok) return null;
    return {
      where: `${step} · trap ${trap.id} (${trap.kind})`,
      detail: `${v.detail}. A good challenge: ${trap.challenge}`,
      excerpt: `Client: “${excerpt(sent?.content ?? '(never sent)', 200)}” → Facilitator: “${excerpt(reply?.content ?? '(no reply)', 400)}”`,
    };
  });
  return result(
    'traps_challenged',
    'trap',
    'each trap in the persona is challenged by the reply that follows it',
    items,
  );
}

function artifactResults(record: SessionRecord): CheckResult[] {
  const { artifacts, messages, session } = record;
  const user = messages.filter((m) => m.role === 'user').map((m) => m.content);
  const sessionText = `${session.clientName}\n${session.industry}\n${session.quarter}`;
  // The facts computed in code from what was said (payback, EV at ±2, …) are not invented numbers.
  const facts = computedFacts(artifacts as ArtifactSet);
  const factNumbers = readNumbers(facts.join('\n'));
  const numberSource = [...readNumbers([...user, sessionText].join('\n')), ...factNumbers];
  const years = new Set([...user, sessionText].join('\n').match(/\b20\d\d\b/g) ?? []);
  const trends = artifacts.trends as { trends: Array<{ id: string; chosen: boolean }> } | undefined;
  const nameSource = [
    sessionText,
    ...messages.filter((m) => m.kind !== 'draft').map((m) => m.content),
    JSON.stringify(trends?.trends.filter((t) => t.chosen) ?? []),
  ].join('\n');

  const numbers = FAITHFUL_STEPS.flatMap((step) =>
    artifacts[step] === undefined
      ? []
      : judgeNumbers(artifacts[step], numberSource, years, session.currency ?? null).map((f) => ({ step, ...f })),
  );
  const numberItems = numbers.map((n) =>
    n.status === 'found' || n.status === 'foreign'
      ? null
      : {
          where: `${n.step} · ${n.path}`,
          detail:
            n.status === 'scaled' ? `“${n.raw}” is a said amount at the wrong scale` : `“${n.raw}” was never said`,
          excerpt: excerpt(n.text),
        },
  );
  const currencyItems = numbers
    .filter((n) => n.status === 'scaled' || n.status === 'foreign' || (n.status === 'found' && n.money))
    .map((n) =>
      n.status === 'found'
        ? null
        : {
            where: `${n.step} · ${n.path}`,
            detail:
              n.status === 'foreign'
                ? `“${n.raw}” was said only in another currency than the client's (${session.currency}), and recorded as if in it`
                : `“${n.raw}” misreads an amount the client gave`,
            excerpt: excerpt(n.text),
          },
    );
  const nameItems = FAITHFUL_STEPS.flatMap((step) =>
    artifacts[step] === undefined
      ? []
      : judgeNames(artifacts[step], nameSource).map((n) =>
          n.found
            ? null
            : {
                where: `${step} · ${n.path}`,
                detail: `“${n.name}” is named nowhere in the transcript`,
                excerpt: excerpt(n.text),
              },
        ),
  );

  const ids = idReferences(record);
  const placeholderItems = Object.entries(artifacts).flatMap(([step, a]) => {
    const found = placeholders(a).map((f) => ({ ...f, where: `${step} · ${f.where}` }));
    return found.length > 0 ? found : [null];
  });

  const risks = (artifacts.risks as { risks: RiskLike[] } | undefined)?.risks ?? [];
  const riskItems = defaultScores(risks, user).map(({ risk, detail }) =>
    detail ? { where: `risks · ${risk.id}`, detail, excerpt: excerpt(risk.threat) } : null,
  );

  const recs =
    (artifacts.sounding_board as { recommendations: RecommendationLike[] } | undefined)?.recommendations ?? [];
  const entries =
    (artifacts.roadmap as { entries: Array<{ id: string; title: string; rationale: string }> } | undefined)?.entries ??
    [];
  const entryText = (id: string) => {
    const e = entries.find((x) => x.id === id);
    return e ? `${e.title}\n${e.rationale}` : '';
  };
  const lensItems = lensObjections(recs, entryText).map((l) =>
    l.detail ? { where: `sounding_board · ${l.rec.id} · ${l.lens}`, detail: l.detail, excerpt: excerpt(l.text) } : null,
  );
  const preMortemItems = recs.map((r) => {
    const n = preMortemCauses(r);
    return n >= MIN_PRE_MORTEM
      ? null
      : {
          where: `sounding_board · ${r.id}`,
          detail: `pre-mortem has ${n} cause${n === 1 ? '' : 's'}`,
          excerpt: excerpt(r.preMortem.join(' / ') || r.claim),
        };
  });

  const factItems =
    facts.length === 0
      ? []
      : objectionsFromFacts(recs, factNumbers).map((f) =>
          f.detail ? { where: `sounding_board · ${f.rec.id}`, detail: f.detail, excerpt: excerpt(f.text) } : null,
        );

  return [
    result('numbers_faithful', 'artifact', 'every number in an artifact was said in the transcript', numberItems),
    result(
      'currency_understood',
      'artifact',
      'amounts keep their scale ("EUR 450.000" is 450,000) and are in the client\'s currency',
      currencyItems,
    ),
    result('names_faithful', 'artifact', 'every proper name in an artifact appears in the transcript', nameItems),
    result('ids_resolve', 'artifact', 'every id an artifact cites resolves', ids),
    result(
      'no_placeholders',
      'artifact',
      'no placeholder text in any artifact (one item per artifact)',
      placeholderItems,
    ),
    result('no_default_scores', 'artifact', 'no risk carries a default score', riskItems),
    result(
      'four_lenses',
      'artifact',
      'each recommendation has a specific CEO, CFO, board and engineer objection',
      lensItems,
    ),
    result(
      'pre_mortem',
      'artifact',
      `each recommendation's pre-mortem has at least ${MIN_PRE_MORTEM} causes`,
      preMortemItems,
    ),
    result(
      'objections_from_facts',
      'artifact',
      'each recommendation has a CFO or engineer objection quoting a computed fact (capacity, budget, payback, EV, cash)',
      factItems,
    ),
  ];
}

/** The facts computed in code from the session's roadmap and context; none without a roadmap. */
function computedFacts(a: ArtifactSet): string[] {
  const entries = a.roadmap?.entries ?? [];
  if (entries.length === 0) return [];
  // A record from before the context had its numbers reads them as not stated.
  const c = a.context?.constraints;
  return factLines(
    roadmapFacts(entries, {
      budgetAmount: c?.budgetAmount ?? null,
      teamWeeksPerQuarter: c?.teamWeeksPerQuarter ?? null,
    }),
  );
}

/** Every id an artifact cites, checked against the artifact (or transcript) it points into. */
function idReferences(record: SessionRecord): Array<Failure | null> {
  const a = record.artifacts as ArtifactSet;
  const idsOf = (list: ReadonlyArray<{ id: string }> | undefined) => new Set((list ?? []).map((x) => x.id));
  const trendIds = idsOf(a.trends?.trends);
  const insightIds = idsOf(a.dialogue?.insights);
  const riskIds = idsOf(a.risks?.risks);
  const entryIds = idsOf(a.roadmap?.entries);
  const messageIds = new Set(record.messages.map((m) => String(m.id)));
  const refs: Array<{ where: string; id: string | number; within: Set<string>; what: string }> = [];
  const add = (where: string, ids: ReadonlyArray<string | number | null>, within: Set<string>, what: string) => {
    for (const id of ids) if (id !== null) refs.push({ where, id, within, what });
  };
  for (const [list, name] of [
    [a.dialogue?.insights ?? [], 'insights'],
    [a.dialogue?.assumptions ?? [], 'assumptions'],
  ] as const) {
    list.forEach((x, i) => {
      add(`dialogue · ${name}[${i}].trendId`, [x.trendId], trendIds, 'trend');
      add(`dialogue · ${name}[${i}].fromMessageId`, [x.fromMessageId], messageIds, 'message');
    });
  }
  (a.impact?.forecasts ?? []).forEach((x, i) => {
    add(`impact · forecasts[${i}].trendId`, [x.trendId], trendIds, 'trend');
    add(`impact · forecasts[${i}].insightIds`, x.insightIds, insightIds, 'insight');
  });
  (a.risks?.risks ?? []).forEach((x, i) => {
    add(`risks · risks[${i}].trendId`, [x.trendId], trendIds, 'trend');
  });
  (a.roadmap?.entries ?? []).forEach((x, i) => {
    add(`roadmap · entries[${i}].trendIds`, x.trendIds, trendIds, 'trend');
    add(`roadmap · entries[${i}].riskIds`, x.riskIds, riskIds, 'risk');
  });
  (a.sounding_board?.recommendations ?? []).forEach((x, i) => {
    add(`sounding_board · recommendations[${i}].roadmapEntryIds`, x.roadmapEntryIds, entryIds, 'roadmap entry');
  });
  return refs.map((r) =>
    r.within.has(String(r.id))
      ? null
      : {
          where: r.where,
          detail: `cites ${r.what} “${r.id}”, which does not exist`,
          excerpt: `known: ${[...r.within].slice(0, 12).join(', ') || 'none'}`,
        },
  );
}
