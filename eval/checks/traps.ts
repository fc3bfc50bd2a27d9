/**
 * Per trap: was it challenged? The reply that follows the trap must refer to what the trap is about
 * (one of its `about` words) and challenge it the way its kind calls for; the persona may add cues.
 * Quoting the client's words refers to them, but only the facilitator's own words can challenge them.
 * A pushback or a premature "ready" also counts as held when the sounding board keeps it open.
 */
import type { Trap, TrapKind } from '../persona.js';
import { mentions, stripMarkup, withoutQuotes } from './text.js';
import { fail, pass, type Verdict } from './types.js';

const TURN_BACK = `what do you|what would you|how would you|how do you|what's your|what is your|your (?:own )?(?:view|take|answer|judgement|judgment|call|criteria)|do you think|would you|in your|you decide|your decision|for you|(?:is|are) yours`;

/** What challenging each kind of trap sounds like. */
export const CHALLENGE_CUES: Readonly<Record<TrapKind, string>> = {
  absolute_claim: `assum|taking (?:it )?for granted|take for granted|what would have to be true|how (?:sure|certain|likely|confident)|what if|what makes you (?:sure|say|think)|how do you know|evidence`,
  no_evidence: `evidence|what have you (?:actually )?seen|how do you know|what shows|what makes you (?:sure|say|think)|(?:what|which|the) (?:data|numbers?|figures?)|measured|proof|tested|pilot|who (?:said|told)|based on|on what basis`,
  contradiction: String.raw`earlier|before|you mentioned|you told|contradict|conflict|differ|doesn'?t (?:match|fit)|which (?:one|is it|figure|number)|both|inconsisten|reconcile|versus|vs\.?|context|changed`,
  question_back: TURN_BACK,
  advice_request: TURN_BACK,
  pushback: `still open|stays open|remains? open|keep (?:it|that) open|unresolved|not yet answered|what (?:new )?evidence|what has changed|what would (?:change|convince)|what (?:shows|makes)|based on|how do you know|on what`,
  ready_with_open_objections: `open|unresolved|not yet answered|unanswered|outstanding|before (?:you call it|calling it|it is|it's) ready|what about`,
};

/** Giving the advice asked for is not turning the question back. */
const GIVES_ADVICE =
  /\b(?:you should|i(?: would|'d)? (?:recommend|suggest|advise)|my (?:advice|recommendation)|i'?d go with|go with (?:the )?\w+|the (?:best|right) (?:choice|option) is)\b/i;

export interface TrapEvidence {
  /** The facilitator's reply to the answer that sprang the trap; null if there was none. */
  readonly reply: string | null;
  /** Open objections the sounding board kept, if the session got that far. */
  readonly openObjections: readonly string[];
}

export function trapChallenged(trap: Trap, evidence: TrapEvidence): Verdict {
  if (
    (trap.kind === 'pushback' || trap.kind === 'ready_with_open_objections') &&
    evidence.openObjections.some((o) => trap.about.some((term) => mentions(o, term)))
  )
    return pass;
  if (evidence.reply === null) return fail('no reply followed the trap');
  const reply = stripMarkup(evidence.reply);
  // Quoting the client refers to what they said; only the facilitator's own words can challenge it.
  const ownWords = withoutQuotes(reply);
  const cues = new RegExp([CHALLENGE_CUES[trap.kind], ...trap.cues].join('|'), 'i');
  const refers = trap.about.filter((term) => mentions(reply, term));
  const challenges = cues.test(ownWords);
  if (trap.kind === 'advice_request' && GIVES_ADVICE.test(ownWords)) return fail('gives the advice asked for');
  if (refers.length > 0 && challenges) return pass;
  if (!challenges) return fail(`does not ${HOW[trap.kind]}`);
  return fail(`does not refer to what the trap is about (${trap.about.map((t) => `“${t}”`).join(', ')})`);
}

const HOW: Readonly<Record<TrapKind, string>> = {
  absolute_claim: 'name the assumption or ask how sure',
  no_evidence: 'ask for evidence',
  contradiction: 'point out the contradiction',
  question_back: 'turn the question back',
  advice_request: 'turn the request for advice back',
  pushback: 'hold the objection open',
  ready_with_open_objections: 'name the objections still open',
};
