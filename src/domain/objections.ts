/* No zod here (type imports only): the page imports this module too (bundled at /shared/domain.mjs). */
import type { FailureStory, Objection, Recommendation, SoundingBoardArtifact } from './artifacts/soundingBoard.js';
import { GAPS } from './gaps.js';
import { OBJECTION_LENS_LABELS } from './vocabulary.js';

/** The objections nothing has closed yet: derived from their status, so the list cannot disagree with it. */
export function openObjections(r: Pick<Recommendation, 'objections'>): Objection[] {
  return r.objections.filter((o) => o.status === 'open');
}

/** "Called ready despite 2 open objections; the reason given: “…”.": null unless it was. */
export function readyDespiteText(r: Pick<Recommendation, 'objections' | 'readyDespite' | 'verdict'>): string | null {
  if (!r.readyDespite || r.verdict !== 'ready') return null;
  const open = openObjections(r).length;
  const reason = r.readyDespite.reason.trim().replace(/[.!]+$/, '');
  return `Called ready despite ${open} open objection${open === 1 ? '' : 's'}; the reason given: “${reason}”.`;
}

/** "CFO: Payback is 3 years (payback 3.2 years)": an objection in one line, its lens first. */
export function objectionText(o: Pick<Objection, 'lens' | 'objection' | 'basis'>): string {
  return `${OBJECTION_LENS_LABELS[o.lens]}: ${o.objection}${o.basis ? ` (${o.basis})` : ''}`;
}

/**
 * A model's objections held to the rule: one closes only on a client message of this step that it
 * names (evidence or a reason), never on the model's say-so. An objection marked answered without a
 * response, or naming no message, or a message that is not the client's at this step, is open again.
 * The reason for calling it ready despite open objections names a message only if it is the client's.
 */
export function settleObjections(
  artifact: SoundingBoardArtifact,
  clientMessageIds: ReadonlySet<number>,
): SoundingBoardArtifact {
  return {
    recommendations: artifact.recommendations.map((r) => ({
      ...r,
      objections: r.objections.map((o) => {
        if (o.status === 'open') return { ...o, closedByMessageId: null };
        const closed = o.response !== null && o.closedByMessageId !== null && clientMessageIds.has(o.closedByMessageId);
        return closed ? o : { ...o, status: 'open' as const, closedByMessageId: null };
      }),
      readyDespite:
        r.readyDespite && r.readyDespite.messageId !== null && !clientMessageIds.has(r.readyDespite.messageId)
          ? { ...r.readyDespite, messageId: null }
          : r.readyDespite,
    })),
  };
}

/** A failure story in one line: who, what happened, why, and the mitigation with its owner, timing and trigger. */
export function failureStoryText(s: FailureStory): string {
  const sentence = (t: string) => t.trim().replace(/([^.!?])$/, '$1.');
  const head = `${s.stakeholder ? `${s.stakeholder}: ` : ''}${s.story.trim().replace(/[.!?]$/, '')}`;
  const m = s.mitigation;
  if (!m) return sentence(`${head}${s.cause ? `. Cause: ${s.cause}` : ''} (no mitigation yet)`);
  return [
    sentence(head),
    s.cause ? sentence(`Cause: ${s.cause}`) : '',
    sentence(
      `Mitigation: ${m.action.replace(/[.!?]$/, '')} (owner: ${m.owner ?? GAPS.owner}; when: ${m.timing ?? 'no timing yet'}; trigger: ${m.trigger ?? GAPS.trigger})`,
    ),
  ]
    .filter(Boolean)
    .join(' ');
}
