/**
 * Step 4 offline: one forecast per change the user names, per scope. What the user did not say
 * (direction, size, horizon, confidence) is null, a gap the forecast shows; an unanswered scope has no
 * forecast, and the step's guard and the memo name it.
 */
import {
  IMPACT_SCOPES,
  capitalize,
  type AnswerValues,
  type Forecast,
  type ImpactArtifact,
  type ImpactScope,
} from '../../domain/index.js';
import type { ImpactField, ImpactQuestion } from './bank.js';
import { chosen, horizonLabel, joinWords, plural, withTyped, type BankStep, type StepContext } from './common.js';
import { answersById, pairAnswers } from './interview.js';
import { trendOfText } from './trends.js';
import {
  isNonAnswer,
  mentionedIds,
  parseConfidence,
  parseDirection,
  parseHorizon,
  parseMagnitude,
  sentences,
  splitLines,
  truncate,
  wordCount,
} from './parse/index.js';

interface Read {
  readonly change: string;
  readonly direction: Forecast['direction'] | null;
  readonly magnitude: Forecast['magnitude'] | null;
  readonly horizon: Forecast['horizon'] | null;
  /** Said with the change ("…within a year. Fairly confident."); the signpost question also asks for it. */
  readonly confidence: Forecast['confidence'] | null;
  readonly trendId: string | null;
}

function readChange(item: string, ctx: StepContext): Read {
  const trends = chosen(ctx.input);
  return {
    change: withoutAsides(item, 4000, (x) => confidenceAside(x) || horizonAside(x, ctx.now)) ?? truncate(item, 4000),
    direction: parseDirection(item),
    magnitude: parseMagnitude(item),
    horizon: parseHorizon(item, ctx.now),
    confidence: parseConfidence(item),
    trendId: trendOfText(item, trends, ctx.banks.trends.catalogue) ?? (trends.length === 1 ? trends[0]!.id : null),
  };
}

/** A short label and a colon opening a forecast: "t2: …", "AI Act: …". */
const LABELLED = /^\s*[^:;]{1,40}:\s/;

/**
 * One forecast per line; a line of labelled forecasts joined by semicolons ("t1: cost down 25%…; t2: win
 * rate down…") is one per label. A semicolon inside one forecast stays.
 */
function forecastLines(text: string): string[] {
  return splitLines(text).flatMap((line) => {
    const parts = line.split(/;\s*/);
    return parts.length > 1 && parts.every((p) => LABELLED.test(p)) ? parts : [line];
  });
}

/** A sentence that only gives the confidence ("Fairly confident."): read into its own field. */
const confidenceAside = (s: string) => /\b(?:confiden\w*|sure|certain|a guess)\b/i.test(s);
/** A short sentence that only gives the horizon ("2-3 years."): read into its own field. */
const horizonAside = (s: string, now: Date) => wordCount(s) <= 4 && parseHorizon(s, now) !== null;

/** "…; fairly confident", ", confidence medium" closing a sentence: the confidence, said in passing. */
const CONFIDENCE_TAIL =
  /[;,]\s*(?:(?:fairly|very|quite|not very|highly|reasonably)\s+)?(?:confident|sure|certain)\b[^;,]*$|[;,]\s*(?:low|medium|high)?\s*confidence\b[^;,]*$/i;

/** The text without its asides, unless that would leave nothing. */
function withoutAsides(text: string, max: number, aside: (sentence: string) => boolean): string | null {
  const parts = sentences(text);
  const kept = (parts.length > 1 ? parts.filter((s) => !aside(s)) : parts).map((s) =>
    s.replace(CONFIDENCE_TAIL, '').trim(),
  );
  const rest = kept.join(' ').trim();
  return rest === '' ? null : truncate(rest, max);
}

/** "The signpost is the no-show rate…" as "The no-show rate…". */
const withoutSignpostLead = (text: string) =>
  capitalize(text.replace(/^(?:the |our |my )?(?:early )?signpost (?:is|would be|will be)[:\s]+/i, ''));

/** A scope's typed signpost and reasoning, confirmed, laid over each of its forecasts (from `start` on). */
function applyTyped(forecasts: Forecast[], start: number, values: readonly AnswerValues[]): void {
  for (let i = start; i < forecasts.length; i++)
    forecasts[i] = values.reduce<Forecast>((f, v) => withTyped(f, v, 'forecasts[].'), forecasts[i]!);
}

/** The answers so far by scope and field: what a scope's questions that fill `field` were told, joined, or null. */
function answeredByScope(ctx: StepContext): (scope: ImpactScope, field: ImpactField) => string | null {
  const questions = ctx.banks.impact.questions;
  const answers = answersById(pairAnswers(ctx.messages, questions));
  return (scope, field) => {
    const texts = questions
      .filter((q) => q.scope === scope && q.fills.includes(field))
      .map((q) => answers.text(q.id))
      .filter((t): t is string => t !== null);
    return texts.length > 0 ? texts.join('\n') : null;
  };
}

/** The form's fields pre-filled from an answer's text: one forecast's change, or its signpost, or its reasoning. */
function prefillImpact(question: ImpactQuestion, text: string, ctx: StepContext): AnswerValues {
  if (question.fills.includes('forecasts[].change')) {
    const r = readChange(text.replace(/\s*\n\s*/g, ' ').trim(), ctx);
    return {
      'forecasts[].change': r.change,
      'forecasts[].direction': r.direction,
      'forecasts[].magnitude': r.magnitude,
      'forecasts[].horizon': r.horizon,
      'forecasts[].trendId': r.trendId,
    };
  }
  if (question.fills.includes('forecasts[].signpost'))
    return {
      'forecasts[].signpost':
        text.trim() === '' ? null : withoutAsides(withoutSignpostLead(text), 300, confidenceAside),
      'forecasts[].confidence': parseConfidence(text),
    };
  return {
    'forecasts[].reasoning': truncate(text, 2400),
    'forecasts[].insightIds': mentionedIds(
      text,
      (ctx.input.artifacts.dialogue?.insights ?? []).map((i) => i.id),
    ),
  };
}

/** The scope's answers typed into their forms: each change is a forecast; a signpost or reasoning applies to the scope's forecasts. */
function typedByScope(ctx: StepContext, scope: ImpactScope) {
  const questions = ctx.banks.impact.questions.filter((q) => q.scope === scope);
  const answers = answersById(pairAnswers(ctx.messages, questions));
  const of = (field: ImpactField) =>
    questions.filter((q) => q.fills.includes(field)).flatMap((q) => answers.typed(q.id).map((t) => t.values));
  return { changes: of('forecasts[].change'), rest: [...of('forecasts[].signpost'), ...of('forecasts[].reasoning')] };
}

export const impactStep: BankStep<ImpactQuestion> = {
  questions: (ctx) => ctx.banks.impact.questions,
  prefill: prefillImpact,

  ack(question, text, ctx) {
    if (isNonAnswer(text)) return `Left open: **${question.topic}**. The draft will show it as not discussed.`;
    if (question.fills.includes('forecasts[].change')) {
      const reads = forecastLines(text).map((item) => readChange(item, ctx));
      const describe = (r: Read) => {
        const missing = [!r.direction && 'direction', !r.magnitude && 'size', !r.horizon && 'horizon'].filter(Boolean);
        const got = [
          r.direction,
          r.magnitude && `${r.magnitude} magnitude`,
          r.horizon && horizonLabel(r.horizon),
          r.confidence && `${r.confidence} confidence`,
          r.trendId,
        ].filter(Boolean);
        return `“${truncate(r.change, 50)}” (${got.join(', ') || 'nothing read'}${missing.length > 0 ? `; not stated: ${missing.join(', ')}` : ''})`;
      };
      return `Read ${plural(reads.length, 'forecast')}: ${reads.map(describe).join('; ')}.`;
    }
    if (question.fills.includes('forecasts[].signpost')) {
      const confidence = parseConfidence(text);
      // Said with the scope's change ("…within a year. Fairly confident."): the draft takes it from there.
      const earlier = confidence
        ? null
        : parseConfidence(answeredByScope(ctx)(question.scope, 'forecasts[].change') ?? '');
      return `Noted as the signpost; confidence ${confidence ?? (earlier ? `${earlier}, as you said with the change` : 'not stated (it will show as a gap)')}.`;
    }
    const ids = mentionedIds(
      text,
      (ctx.input.artifacts.dialogue?.insights ?? []).map((i) => i.id),
    );
    return `Noted as the reasoning${ids.length > 0 ? `; it cites ${ids.join(', ')}` : ''}.`;
  },

  draft(ctx) {
    const textOf = answeredByScope(ctx);
    const insightIds = (ctx.input.artifacts.dialogue?.insights ?? []).map((i) => i.id);

    const forecasts: Forecast[] = [];
    const notDiscussed: ImpactScope[] = [];
    let withGaps = 0;
    for (const scope of IMPACT_SCOPES) {
      const typed = typedByScope(ctx, scope);
      const start = forecasts.length;
      for (const values of typed.changes) {
        forecasts.push(
          withTyped<Forecast>(
            {
              scope,
              trendId: null,
              change: '',
              direction: null,
              magnitude: null,
              horizon: null,
              confidence: null,
              reasoning: null,
              insightIds: [],
              signpost: null,
            },
            values,
            'forecasts[].',
          ),
        );
      }
      const change = textOf(scope, 'forecasts[].change');
      if (change === null) {
        if (typed.changes.length === 0) notDiscussed.push(scope);
        applyTyped(forecasts, start, typed.rest);
        continue;
      }
      const reads = forecastLines(change).map((item) => readChange(item, ctx));
      const signpostText = textOf(scope, 'forecasts[].signpost') ?? '';
      const signpostLines = splitLines(signpostText);
      const reasoning = textOf(scope, 'forecasts[].reasoning');
      reads.forEach((r, i) => {
        const own = signpostLines.length === reads.length ? signpostLines[i]! : signpostText;
        const confidence = parseConfidence(own) ?? parseConfidence(signpostText) ?? r.confidence;
        if (!r.direction || !r.magnitude || !r.horizon || !confidence) withGaps++;
        forecasts.push({
          scope,
          trendId: r.trendId,
          change: r.change,
          direction: r.direction,
          magnitude: r.magnitude,
          horizon: r.horizon,
          confidence,
          reasoning: reasoning ? truncate(reasoning, 2400) : null,
          insightIds: mentionedIds(`${reasoning ?? ''}\n${r.change}`, insightIds),
          signpost: own.trim() === '' ? null : withoutAsides(withoutSignpostLead(own), 300, confidenceAside),
        });
      });
      applyTyped(forecasts, start, typed.rest);
    }
    const artifact: ImpactArtifact = { forecasts: forecasts.slice(0, 30) };

    const counts = IMPACT_SCOPES.map((s) => `${s} ${forecasts.filter((f) => f.scope === s).length}`).join(', ');
    const noSignpost = forecasts.filter((f) => f.signpost === null).length;
    const note =
      notDiscussed.length === IMPACT_SCOPES.length
        ? 'No impact answers yet, so the forecast is empty: nothing is forecast for the company, the industry or the market. Answer the questions, then press Draft again.'
        : `Built the impact forecast from your answers (offline, no AI model): ${plural(forecasts.length, 'forecast')} (${counts}).${notDiscussed.length > 0 ? ` Not discussed yet: ${joinWords(notDiscussed)} (no forecast).` : ''}${noSignpost > 0 ? ` Without a signpost: ${noSignpost}.` : ''}${withGaps > 0 ? ` With a direction, size, horizon or confidence you did not state (shown as gaps): ${withGaps}.` : ''}`;
    return { artifact, note };
  },
};
