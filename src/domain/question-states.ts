import { VecheError } from './errors.ts';
import { HIDDEN_REASONS } from '../record/entry.ts';
import type { QuestionStatus } from '../store/schema.ts';

/** QuestionTransition names each way a question's status may change, and the participant's vote. */
export type QuestionTransition = 'approve' | 'hide' | 'restore' | 'merge' | 'answer' | 'pin' | 'vote' | 'unvote';

/**
 * questionTransitions is the whole state machine of a question: the statuses each transition may start from and where
 * it leads (`null`: the status stays; `restore` goes back to where the question was when it was hidden).
 * A pending question waits for a moderator (moderation before publication); `merged` is final.
 */
export const questionTransitions: Record<QuestionTransition, { from: QuestionStatus[]; to: QuestionStatus | null }> = {
  approve: { from: ['pending'], to: 'published' },
  hide: { from: ['pending', 'published', 'answered'], to: 'hidden' },
  restore: { from: ['hidden'], to: null },
  merge: { from: ['pending', 'published', 'hidden'], to: 'merged' },
  answer: { from: ['published'], to: 'answered' },
  pin: { from: ['published', 'answered'], to: null },
  vote: { from: ['published'], to: null },
  unvote: { from: ['published', 'answered'], to: null },
};

/** hiddenReasons are the reasons a moderator may give for hiding a question, in the order the public sees them. */
export const hiddenReasons = HIDDEN_REASONS;

/** textWithheld tells whether a hidden question's text is withheld from the public: abuse and personal data are. */
export function textWithheld(reason: string | null): boolean {
  return reason === 'abuse' || reason === 'personal-data';
}

/** assertQuestionTransition throws `wrong-state` when a question cannot take a transition now; returns the status after it. */
export function assertQuestionTransition(status: QuestionStatus, transition: QuestionTransition): QuestionStatus {
  const rule = questionTransitions[transition];
  if (!rule.from.includes(status)) throw new VecheError('wrong-state', `A ${status} question cannot ${transition}.`);
  return rule.to ?? status;
}
