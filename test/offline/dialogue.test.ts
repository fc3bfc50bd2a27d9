import { describe, expect, it } from 'vitest';
import {
  MIN_EXCHANGES_PER_TREND,
  nextDialogueTrend,
  parseArtifact,
  type TrendsArtifact,
} from '../../src/domain/index.js';
import { loadBanks } from '../../src/facilitators/offline/index.js';
import { familyTemplates, type FamilyTemplate } from '../../src/facilitators/offline/dialogue.js';
import { templateMatcher } from './questionsIn.js';
import { RECENT_MESSAGES } from '../../src/engine/facilitator.js';
import { Interview, offline, turnInput } from './driver.js';

const bank = loadBanks().dialogue;
const templates = familyTemplates(bank);

/** The bank questions an assistant text asks. */
function questionsIn(text: string): FamilyTemplate[] {
  return templates.filter((t) => templateMatcher(t.text).test(text.replace(/[ \t]+/g, ' ')));
}

const trend = (id: string, name: string, chosen: boolean) => ({
  id,
  name,
  lens: 'technology' as const,
  description: name,
  whyNow: null,
  signals: [],
  timeToImpact: '6-18' as const,
  relevance: null,
  chosen,
  origin: 'proposed' as const,
});

const TRENDS: TrendsArtifact = parseArtifact('trends', {
  trends: [
    trend('t1', 'Agentic AI in operations', true),
    trend('t2', 'EU AI Act obligations', true),
    trend('t3', 'FinOps and cloud cost pressure', false),
  ],
});

/** Realistic answers from Northwind's CTO, about whichever trend is asked. */
const ANSWERS = [
  'Dispatch exceptions first: late pickups and missed appointments, about 400 a week handled by 6 people.',
  'Our shippers will always want a human to confirm a rebooked load.',
  'Two of our top 5 accounts asked for automated rebooking in their last QBR.',
  'The AI Act matters because we score carrier reliability with a model and shippers see the score.',
  'If it counts as high-risk we need documentation and human oversight, maybe $60k of work.',
  'Our largest shipper would ask for the documentation in the next renewal, in Q3.',
  'Then the dispatch team shrinks from 6 to 4 and overtime falls by about $120k a year.',
  'Our best engineer would say the TMS integration is the hard part, not the model.',
];

describe('the Socratic dialogue, offline', () => {
  it('opens on the first chosen trend with a clarifying question and says it is a question bank, not an AI', () => {
    const opening = offline().opening(turnInput('dialogue', { trends: TRENDS }, []));
    expect(opening.trendId).toBe('t1');
    expect(opening.promptVersion).toBe('offline/dialogue@4');
    expect(opening.text).toMatch(/\*\*offline facilitator\*\*: a fixed bank of questions, not an AI model/);
    expect(opening.text).toContain('**Agentic AI in operations** (t1), **EU AI Act obligations** (t2)');
    expect(opening.text).not.toContain('FinOps');
    expect(questionsIn(opening.text).map((t) => t.family)).toEqual(['clarify']);
  });

  it('takes a question back for what it is: says it cannot answer, asks the open question again, and keeps it off the ledger', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    const first = await interview.answer(ANSWERS[0]!);
    const open = questionsIn(first.text);
    const back = await interview.answer('What do you mean by that?');
    expect(back.text).toContain(
      'You asked: “What do you mean by that?” The offline facilitator cannot answer questions',
    );
    expect(back.text).toContain('not an AI model. Your own answer is what goes on the ledger.');
    expect(questionsIn(back.text)).toEqual(open);
    expect(back.finish.trendId).toBe('t1');
    expect(back.text).toContain('Agentic AI in operations: 1 answer so far.');
    expect(back.text).not.toContain('You said “What do you mean');
    const ledger = parseArtifact('dialogue', back.finish.artifact);
    expect(JSON.stringify(ledger)).not.toContain('What do you mean');
    const next = await interview.answer(ANSWERS[1]!);
    expect(next.text).toContain('Agentic AI in operations: 2 answers so far.');
  });

  it('says there is nothing to question when no trend is chosen', async () => {
    const none = parseArtifact('trends', { trends: [trend('t1', 'Agentic AI in operations', false)] });
    const interview = new Interview('dialogue', { trends: none });
    expect(interview.openingText).toMatch(/No trends are chosen yet/);
    const reply = await interview.answer('Shall we start?');
    expect(reply.finish.trendId).toBeNull();
    expect(reply.finish.artifact).toBeUndefined();
  });

  it('asks exactly one question per reply, quoting the last answer', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    for (const answer of ANSWERS.slice(0, 6)) {
      const reply = await interview.answer(answer);
      expect(questionsIn(reply.text)).toHaveLength(1);
      const quote = /“([^”]+)”/.exec(reply.text)?.[1] ?? '';
      expect(quote.length).toBeGreaterThan(10);
      expect(answer.replace(/[.]$/, '')).toContain(quote.replace(/…$/, ''));
    }
  });

  it('never asks the same kind of question twice running, and gives each trend at least three kinds before moving on', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    await interview.answerAll(ANSWERS);
    const asked = interview.transcript
      .filter((m) => m.role === 'assistant')
      .flatMap((m) => questionsIn(m.content).map((t) => ({ family: t.family, trendId: m.trendId })));
    for (const [i, q] of asked.slice(1).entries()) expect(q.family, `question ${i + 2}`).not.toBe(asked[i]!.family);
    const t1 = asked.filter((q) => q.trendId === 't1').slice(0, MIN_EXCHANGES_PER_TREND);
    expect(new Set(t1.map((q) => q.family)).size).toBe(MIN_EXCHANGES_PER_TREND);
  });

  it('moves to the next trend as the domain decides (nextDialogueTrend), and says so', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    const replies = await interview.answerAll(ANSWERS.slice(0, 4));
    expect(replies.map((r) => r.finish.trendId)).toEqual(['t1', 't1', 't2', 't2']);
    expect(replies[2]!.text).toContain('Moving on to **EU AI Act obligations**.');
    // Same decision as the domain's, from the same counts.
    const counts = { t1: 3, t2: 1 };
    expect(nextDialogueTrend(TRENDS, counts, 't2')).toBe(replies[3]!.finish.trendId);
    expect(questionsIn(replies[2]!.text)[0]!.family).toBe('clarify');
  });

  it('names an assumption aloud and probes it next', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    await interview.answer(ANSWERS[0]!);
    const reply = await interview.answer('Our shippers will always want a human to confirm a rebooked load.');
    expect(reply.text).toContain(
      '“Our shippers will always want a human to confirm a…”: a rule flags the absolute word “always”, so it goes on the ledger as an assumption, challenged.',
    );
    const next = questionsIn(reply.text)[0]!;
    expect(['probe_assumptions', 'probe_evidence']).toContain(next.family);
  });

  it('says that the answer to "what are you taking for granted?" goes on the ledger, however it is worded', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    let reply = await interview.answer(ANSWERS[0]!);
    // Answer until the bank asks the probe-assumptions question, with words that name no assumption.
    for (let i = 0; i < 6 && questionsIn(reply.text)[0]?.family !== 'probe_assumptions'; i++)
      reply = await interview.answer('We rebook by phone today.');
    expect(questionsIn(reply.text)[0]?.family).toBe('probe_assumptions');
    const ack = await interview.answer('Shippers prefer speed to price.');
    expect(ack.text).toContain('That goes on the ledger as a stated assumption, to be tested.');
    expect(
      interview.artifacts.dialogue?.assumptions.map((a) => a.text) ??
        (await interview.draft('dialogue')).artifact.assumptions.map((a) => a.text),
    ).toContain('Shippers prefer speed to price.');
  });

  it('keeps a ledger in every reply: insights tied to the answer that produced them, assumptions stated then challenged', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    await interview.answerAll(ANSWERS);
    const ledger = interview.artifacts.dialogue!;
    const userIds = interview.transcript.filter((m) => m.role === 'user').map((m) => m.id);
    expect(ledger.insights.length).toBeGreaterThanOrEqual(3);
    for (const insight of ledger.insights) {
      expect(userIds).toContain(insight.fromMessageId);
      expect(insight.text).toMatch(/^(Probe evidence|Implications|Other viewpoints|Evidence gap): /);
    }
    const shippers = ledger.assumptions.find((a) => a.text.startsWith('Our shippers will always want a human'))!;
    expect(shippers).toMatchObject({ trendId: 't1', status: 'challenged' });
    // Read after its "challenged" status, in the ledger and the memo: no message numbers, no repeated "Challenged".
    expect(shippers.note).toBe(
      'Challenged by rule (an absolute word); your answer: “Two of our top 5 accounts asked for automated rebooking in their last QBR”.',
    );
    // Each assumption is tied to the answer that stated it; the note says only what challenged it.
    const said = interview.transcript.find(
      (m) => m.role === 'user' && m.content.includes('Our shippers will always want a human'),
    )!;
    expect(shippers.fromMessageId).toBe(said.id);
    for (const assumption of ledger.assumptions) {
      expect(userIds).toContain(assumption.fromMessageId);
      expect(assumption.note ?? '').not.toMatch(/Stated in message/);
      if (assumption.status === 'stated') expect(assumption.note).toBeNull();
    }
    expect(ledger.insights.map((i) => i.id)).toEqual(ledger.insights.map((_, i) => `i${i + 1}`));
    expect(ledger.trendSummaries.map((s) => s.trendId)).toEqual(['t1', 't2']);
  });

  it('records "don\'t know" to an evidence question as an evidence gap, and asks again from another angle', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    await interview.answerAll([ANSWERS[0]!, 'We assume the exception data in the TMS is clean enough.']);
    const evidence = interview.transcript.at(-1)!;
    expect(questionsIn(evidence.content)[0]!.family).toBe('probe_evidence');
    const reply = await interview.answer("Don't know");
    expect(reply.text).toContain('Noted: no answer to that one. It stays open.');
    expect(['clarify', 'other_viewpoints']).toContain(questionsIn(reply.text)[0]!.family);
    expect(interview.artifacts.dialogue!.insights.at(-1)!.text).toMatch(/^Evidence gap: no evidence named when asked/);
  });

  it('moves on when told "next trend", and stops asking when told "enough"', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    await interview.answer(ANSWERS[0]!);
    const moved = await interview.answer('next trend please');
    expect(moved.finish.trendId).toBe('t2');
    expect(moved.text).not.toContain('You said');
    expect(moved.text).toContain('Moving on to **EU AI Act obligations**.');
    const enough = await interview.answer("that's enough");
    expect(questionsIn(enough.text)).toEqual([]);
    expect(enough.text).toMatch(/Press \*\*Draft\*\* to update the ledger/);
    expect(interview.artifacts.dialogue!.insights.every((i) => !/next trend|enough/.test(i.text))).toBe(true);
  });

  it('moves on and stops on the explicit actions, the same as typed words, and counts neither as an answer', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    await interview.answer(ANSWERS[0]!);
    const moved = await interview.act('next_trend');
    expect(moved.finish.trendId).toBe('t2');
    expect(moved.text).toContain('Moving on to **EU AI Act obligations**.');
    expect(interview.state.trendId).toBe('t2');
    const enough = await interview.act('enough');
    expect(enough.finish.question).toBeNull();
    expect(interview.state).toMatchObject({ enough: true, answersByTrend: { t1: 1 } });
  });

  it('takes an answer that happens to start with "stop" as an answer, not as "enough"', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    const reply = await interview.answer('Stop hiring is the key lever');
    expect(interview.state).toMatchObject({ enough: false, answersByTrend: { t1: 1 } });
    expect(reply.finish.question).not.toBeNull();
  });

  it('stores the family of every question it asks, and asks the next from the stored state', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    await interview.answerAll(ANSWERS.slice(0, 3));
    const asked = interview.transcript.filter((m) => m.role === 'assistant');
    expect(asked.map((m) => m.questionFamily)).toEqual(asked.map((m) => questionsIn(m.content)[0]!.family));
    expect(interview.state.familiesByTrend.t1).toEqual([...new Set(asked.map((m) => m.questionFamily))]);
  });

  it('says so when every chosen trend has its answers', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    const replies = await interview.answerAll(ANSWERS.slice(0, 7));
    const saying = replies.flatMap((r, i) => (r.text.includes('Every chosen trend now has three answers') ? [i] : []));
    // The sixth answer completes the count, but its reply challenges the claim ("would ask", no source)
    // and says nothing else; the reply after it says so, once.
    expect(replies[5]!.text).toMatch(/a rule flags a claim with no source named/);
    expect(saying).toEqual([6]);
  });

  it('never repeats a question on a trend, and says when the bank is used up', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    for (
      let i = 0;
      i < 2 * templates.length + 2 && !/last question the offline bank/.test(interview.replies.at(-1)?.text ?? '');
      i++
    )
      await interview.answer(`Answer ${i + 1}: about 400 exceptions a week, $120k of overtime.`);
    const bankQuestions = templates.filter((t) => !t.challenge);
    const pairs = interview.transcript
      .filter((m) => m.role === 'assistant')
      .flatMap((m) =>
        questionsIn(m.content)
          .filter((t) => !t.challenge)
          .map((t) => `${m.trendId}:${t.id}`),
      );
    expect(new Set(pairs).size).toBe(pairs.length);
    // A question that refers back to the previous answer cannot open a visit to a trend, so one may stay unasked.
    expect(pairs.length).toBeGreaterThanOrEqual(2 * bankQuestions.length - 2);
    expect(interview.replies.at(-1)!.text).toMatch(/last question the offline bank holds[\s\S]*Press \*\*Draft\*\*/);
  });

  it('keeps the running ledger whole past the recent messages a reply reads, the same as a draft from the whole step', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    for (let i = 0; i < 30; i++) await interview.answer(`${ANSWERS[i % ANSWERS.length]!} (round ${i})`);
    expect(interview.transcript.length).toBeGreaterThan(RECENT_MESSAGES);
    const running = interview.artifacts.dialogue!;
    // Items from answers the last reply no longer read are still there.
    const windowStart = interview.transcript.at(-RECENT_MESSAGES)!.id;
    expect(running.insights.some((i) => i.fromMessageId! < windowStart)).toBe(true);
    expect(running.assumptions.some((a) => a.fromMessageId! < windowStart)).toBe(true);
    const draft = await interview.draft();
    expect(draft.artifact).toEqual(running);
  });

  it('drafts the same ledger, with an honest count', async () => {
    const interview = new Interview('dialogue', { trends: TRENDS });
    await interview.answerAll(ANSWERS.slice(0, 4));
    const draft = await interview.draft();
    expect(draft.artifact).toEqual(interview.artifacts.dialogue);
    expect(draft.note).toMatch(
      /^Updated the ledger from your answers \(offline, no AI model\): \d+ insights?, \d+ assumptions? \(\d+ challenged\) across 2 trends\./,
    );
  });
});
