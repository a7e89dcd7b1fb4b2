import type { ActionContext, Actor } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { changeQuestion } from './change-question.ts';
import { findForModeration } from './find-for-moderation.ts';
import { loadModeratedEvent } from './load-moderated-event.ts';
import { inEventTransaction } from './in-event-transaction.ts';
import { VecheError, invalidInput } from '../domain/errors.ts';
import { assertQuestionTransition, hiddenReasons } from '../domain/question-states.ts';
import { updateEvent } from '../store/events.ts';
import { queueEntries, type QueuedEntry } from '../store/record-queue.ts';
import type { QuestionEntryType, RecordEntry } from '../record/entry.ts';
import type { HiddenReason } from '../domain/question.ts';

/** ModerationAction is one decision a moderator takes on one question. */
export type ModerationAction = 'approve' | 'hide' | 'restore' | 'pin' | 'unpin' | 'answer';

/** moderationActions lists them, for routes that read the action from a form. */
export const moderationActions: readonly ModerationAction[] = ['approve', 'hide', 'restore', 'pin', 'unpin', 'answer'];

/**
 * moderateQuestion applies one moderator's decision to a question and queues its record entry in the same
 * transaction, so no decision is ever taken that the public record does not show. Hiding needs a reason.
 */
export async function moderateQuestion(
  ctx: ActionContext,
  actor: Actor,
  code: string,
  questionId: string,
  action: ModerationAction,
  reason?: string | null,
): Promise<void> {
  const event = await loadModeratedEvent(ctx, actor, code);
  if (!moderationActions.includes(action)) throw invalidInput([{ field: 'action', problem: 'not-a-choice' }]);
  if (action === 'hide' && !hiddenReasons.includes(reason as HiddenReason)) {
    throw invalidInput([{ field: 'reason', problem: reason ? 'not-a-choice' : 'required' }]);
  }
  assertLogAccepting(ctx);
  await inEventTransaction(ctx, event, async (trx, locked) => {
    const question = await findForModeration(trx, event, questionId);
    const queued = (recorded: RecordEntry): QueuedEntry => ({
      petitionId: null,
      eventId: Number(event.id),
      delta: 0,
      entry: recorded,
    });
    const entry = (type: QuestionEntryType) => queued({ type, v: 1, event: event.code, question: question.publicId });
    const pinned = locked.pinnedQuestionId !== null && Number(locked.pinnedQuestionId) === Number(question.id);
    switch (action) {
      case 'approve':
        await changeQuestion(trx, question, assertQuestionTransition(question.status, 'approve'), {});
        await queueEntries(trx, [entry('question.approved')]);
        break;
      case 'hide': {
        const hidden = reason as HiddenReason;
        await changeQuestion(trx, question, assertQuestionTransition(question.status, 'hide'), {
          hiddenReason: hidden,
          restoreStatus: question.status,
        });
        if (pinned) await updateEvent(trx, Number(event.id), { pinnedQuestionId: null });
        await queueEntries(trx, [
          queued({ type: 'question.hidden', v: 1, event: event.code, question: question.publicId, reason: hidden }),
        ]);
        break;
      }
      case 'restore':
        assertQuestionTransition(question.status, 'restore');
        await changeQuestion(trx, question, question.restoreStatus ?? 'published', {
          hiddenReason: null,
          restoreStatus: null,
        });
        await queueEntries(trx, [entry('question.restored')]);
        break;
      case 'pin':
        assertQuestionTransition(question.status, 'pin');
        if (pinned) throw new VecheError('wrong-state', 'This question is already being answered.');
        await updateEvent(trx, Number(event.id), { pinnedQuestionId: Number(question.id) });
        await queueEntries(trx, [entry('question.pinned')]);
        break;
      case 'unpin':
        if (!pinned) throw new VecheError('wrong-state', 'This question is not being answered now.');
        await updateEvent(trx, Number(event.id), { pinnedQuestionId: null });
        await queueEntries(trx, [entry('question.unpinned')]);
        break;
      case 'answer':
        await changeQuestion(trx, question, assertQuestionTransition(question.status, 'answer'), {
          answeredMinute: Math.floor(ctx.now() / 60_000),
        });
        if (pinned) await updateEvent(trx, Number(event.id), { pinnedQuestionId: null });
        await queueEntries(trx, [entry('question.answered')]);
        break;
    }
  });
  ctx.events.changed(event.code);
}
