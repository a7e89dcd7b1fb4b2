import type { ActionContext, Actor } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { loadModeratedEvent } from './organise-event.ts';
import { VecheError, invalidInput } from '../domain/errors.ts';
import { assertQuestionTransition, hiddenReasons } from '../domain/question-states.ts';
import * as questions from '../store/questions.ts';
import { lockedEvent, updateEvent } from '../store/events.ts';
import { queueEntries, type QueuedEntry } from '../store/record-queue.ts';
import type { QuestionEntryType, RecordEntry } from '../record/entry.ts';
import type { EventRow, HiddenReason, QuestionRow } from '../store/schema.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';

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
    const entry = (type: QuestionEntryType) => queued({ type, v: 1, event: event.code, question: question.public_id });
    const pinned = locked.pinned_question_id !== null && Number(locked.pinned_question_id) === Number(question.id);
    switch (action) {
      case 'approve':
        await change(trx, question, assertQuestionTransition(question.status, 'approve'), {});
        await queueEntries(trx, [entry('question.approved')]);
        break;
      case 'hide': {
        const hidden = reason as HiddenReason;
        await change(trx, question, assertQuestionTransition(question.status, 'hide'), {
          hidden_reason: hidden,
          restore_status: question.status,
        });
        if (pinned) await updateEvent(trx, Number(event.id), { pinned_question_id: null });
        await queueEntries(trx, [
          queued({ type: 'question.hidden', v: 1, event: event.code, question: question.public_id, reason: hidden }),
        ]);
        break;
      }
      case 'restore':
        assertQuestionTransition(question.status, 'restore');
        await change(trx, question, question.restore_status ?? 'published', {
          hidden_reason: null,
          restore_status: null,
        });
        await queueEntries(trx, [entry('question.restored')]);
        break;
      case 'pin':
        assertQuestionTransition(question.status, 'pin');
        if (pinned) throw new VecheError('wrong-state', 'This question is already being answered.');
        await updateEvent(trx, Number(event.id), { pinned_question_id: Number(question.id) });
        await queueEntries(trx, [entry('question.pinned')]);
        break;
      case 'unpin':
        if (!pinned) throw new VecheError('wrong-state', 'This question is not being answered now.');
        await updateEvent(trx, Number(event.id), { pinned_question_id: null });
        await queueEntries(trx, [entry('question.unpinned')]);
        break;
      case 'answer':
        await change(trx, question, assertQuestionTransition(question.status, 'answer'), {
          answered_minute: Math.floor(ctx.now() / 60_000),
        });
        if (pinned) await updateEvent(trx, Number(event.id), { pinned_question_id: null });
        await queueEntries(trx, [entry('question.answered')]);
        break;
    }
  });
  ctx.events.changed(event.code);
}

/**
 * mergeQuestions merges one question into another: its votes move to the other, and where one browser voted for
 * both, the second vote is withdrawn (recorded as `vote.withdrawn` with reason `merged`), so each voter counts once.
 * The merged question stays in the record and in the event's export, pointing to the question it joined.
 */
export async function mergeQuestions(
  ctx: ActionContext,
  actor: Actor,
  code: string,
  fromId: string,
  intoId: string,
): Promise<void> {
  const event = await loadModeratedEvent(ctx, actor, code);
  if (fromId === intoId) throw invalidInput([{ field: 'into', problem: 'same-question' }]);
  assertLogAccepting(ctx);
  await inEventTransaction(ctx, event, async (trx, locked) => {
    const from = await findForModeration(trx, event, fromId);
    const into = await findForModeration(trx, event, intoId, 'into');
    assertQuestionTransition(from.status, 'merge');
    if (into.status !== 'published' && into.status !== 'answered' && into.status !== 'pending') {
      throw new VecheError('wrong-state', `A question cannot be merged into a ${into.status} question.`);
    }
    const fromVotes = await questions.listCountedVotes(trx, Number(from.id));
    const intoVoters = new Set((await questions.listCountedVotes(trx, Number(into.id))).map((v) => v.voter_hash));
    const twice = fromVotes.filter((v) => intoVoters.has(v.voter_hash));
    const moving = fromVotes.filter((v) => !intoVoters.has(v.voter_hash));
    for (const vote of twice) await questions.withdrawVoteRow(trx, Number(vote.id));
    await questions.moveVotes(
      trx,
      moving.map((v) => Number(v.id)),
      Number(into.id),
    );
    await change(trx, from, 'merged', { merged_into: Number(into.id), votes: 0, group_id: Number(into.group_id) });
    await questions.addToVotes(trx, Number(into.id), moving.length);
    if (locked.pinned_question_id !== null && Number(locked.pinned_question_id) === Number(from.id)) {
      await updateEvent(trx, Number(event.id), { pinned_question_id: null });
    }
    const base = { petitionId: null, eventId: Number(event.id), delta: 0 };
    await queueEntries(trx, [
      {
        ...base,
        entry: {
          type: 'question.merged',
          v: 1,
          event: event.code,
          question: from.public_id,
          into: into.public_id,
          moved: moving.length,
        },
      },
      ...twice.map((vote) => ({
        ...base,
        entry: {
          type: 'vote.withdrawn' as const,
          v: 1 as const,
          event: event.code,
          question: from.public_id,
          vote: vote.public_id,
          reason: 'merged' as const,
        },
      })),
    ]);
  });
  ctx.events.changed(event.code);
}

async function inEventTransaction(
  ctx: ActionContext,
  event: EventRow,
  work: (trx: Transaction<Database>, locked: EventRow) => Promise<void>,
): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    // Two moderators acting on one event at once are applied one after the other.
    const locked = await lockedEvent(trx, Number(event.id), ctx.store.dialect, 'update');
    await work(trx, locked!);
  });
}

async function findForModeration(
  trx: Transaction<Database>,
  event: EventRow,
  publicId: string,
  field = 'question',
): Promise<QuestionRow> {
  const question = publicId.length <= 40 ? await questions.findQuestion(trx, Number(event.id), publicId) : undefined;
  if (!question) throw new VecheError('not-found', `This event has no such question (${field}).`);
  return question;
}

async function change(
  trx: Transaction<Database>,
  question: QuestionRow,
  to: QuestionRow['status'],
  columns: Parameters<typeof questions.updateQuestion>[3],
): Promise<void> {
  if (!(await questions.updateQuestion(trx, Number(question.id), question.status, { ...columns, status: to }))) {
    throw new VecheError('conflict', 'Another moderator changed this question at the same time. Look again and retry.');
  }
}
