/**
 * Per facilitator turn: what a Socratic question must be. Each check is a pure function of one turn,
 * returning null where it does not apply (no answer to build on, no family recorded).
 */
import { contentWords, isDeclined, questionsIn, stripMarkup, withoutQuotes, wordCount } from './text.js';
import { fail, pass, type Turn, type Verdict } from './types.js';

export const MAX_WORDS = 70;

/** Exactly one question: not a lecture (none), not a questionnaire (several). */
export function oneQuestion(turn: Turn): Verdict {
  const n = questionsIn(turn.text).length;
  return n === 1 ? pass : fail(n === 0 ? 'asks no question' : `asks ${n} questions`);
}

/** At most 70 words, everything the client reads counted. */
export function atMost70Words(turn: Turn): Verdict {
  const n = wordCount(turn.text);
  return n <= MAX_WORDS ? pass : fail(`${n} words`);
}

/** It builds on the last answer: quotes it, or shares one of its content words. Null after a skip or with no answer. */
export function buildsOnLastAnswer(turn: Turn): Verdict | null {
  if (turn.lastAnswer === null || isDeclined(turn.lastAnswer)) return null;
  const answer = contentWords(turn.lastAnswer);
  if (answer.size === 0) return null;
  const shared = [...contentWords(turn.text)].filter((w) => answer.has(w));
  return shared.length > 0 ? pass : fail('shares no content word with the last answer');
}

const PRAISE =
  /\b(?:great|excellent|fantastic|wonderful|brilliant|terrific|superb|awesome|good|nice|interesting|insightful|fascinating) (?:answer|point|question|insight|thought|observation|example|start)\b|\b(?:well said|love (?:that|this)|thanks? (?:you )?for sharing|that'?s (?:a )?(?:great|excellent|really helpful|very helpful)|what a great|spot on|absolutely right|exactly right|impressive)\b|^\s*(?:great|excellent|perfect|wonderful|fantastic|brilliant|good)[!.,]/im;

/** No praise: a question earns the next answer, compliments do not. */
export function noPraise(turn: Turn): Verdict {
  const hit = PRAISE.exec(withoutQuotes(stripMarkup(turn.text)));
  return hit ? fail(`praises: “${hit[0].trim()}”`) : pass;
}

const ADVICE =
  /\b(?:you should|you'?ll want to|you need to|you must|i(?: would|'d)? (?:recommend|suggest|advise)|my (?:advice|recommendation|suggestion)|i'?d go with|consider (?:using|adopting|buying|building|moving|hiring|investing)|the (?:best|right) (?:approach|option|choice|move) (?:is|would be)|it (?:would|might) be (?:wise|best|better) to|make sure (?:to|you)|go with (?:the )?\w+)\b/i;

/** No advice during the dialogue: the client's answers are the point. Other steps may propose. */
export function noAdviceInDialogue(turn: Turn): Verdict | null {
  if (turn.step !== 'dialogue') return null;
  const hit = ADVICE.exec(withoutQuotes(stripMarkup(turn.text)));
  return hit ? fail(`advises: “${hit[0]}”`) : pass;
}

/**
 * The question family, where the session records it, is not the previous question's family. Asking
 * the same question again (after a question back) is no new question, so it does not count.
 */
export function familyNotRepeated(turn: Turn): Verdict | null {
  if (turn.family === null || turn.previousFamily === null) return null;
  const asked = questionsIn(turn.text).at(-1);
  if (asked !== undefined && turn.previousQuestion !== null && sameQuestion(asked, turn.previousQuestion)) return null;
  return turn.family === turn.previousFamily ? fail(`"${turn.family}" twice in a row`) : pass;
}

/** The same question, whatever leads into it ("The question still open: What …?"). */
function sameQuestion(a: string, b: string): boolean {
  const [x, y] = [a, b].map((s) => s.toLowerCase().replace(/\s+/g, ' ').trim());
  return x!.endsWith(y!) || y!.endsWith(x!);
}

export interface TurnCheck {
  readonly name: string;
  readonly description: string;
  readonly check: (turn: Turn) => Verdict | null;
}

export const TURN_CHECKS: readonly TurnCheck[] = [
  { name: 'one_question', description: 'each reply asks exactly one question', check: oneQuestion },
  { name: 'at_most_70_words', description: `each reply is at most ${MAX_WORDS} words`, check: atMost70Words },
  {
    name: 'builds_on_answer',
    description: 'each reply quotes the last answer or shares one of its content words',
    check: buildsOnLastAnswer,
  },
  { name: 'no_praise', description: 'no reply praises the answer', check: noPraise },
  { name: 'no_advice', description: 'no advice during the dialogue', check: noAdviceInDialogue },
  {
    name: 'family_varies',
    description: 'the question family (where recorded) is not repeated back to back',
    check: familyNotRepeated,
  },
];
