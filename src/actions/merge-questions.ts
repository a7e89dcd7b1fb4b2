import type { ActionContext, Actor } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { changeQuestion } from './change-question.ts';
import { findForModeration } from './find-for-moderation.ts';
import { loadModeratedEvent } from './load-moderated-event.ts';
import { inEventTransaction } from './in-event-transaction.ts';
import { VecheError, invalidInput } from '../domain/errors.ts';
import { assertQuestionTransition } from '../domain/question-states.ts';
import * as questions from '../store/questions.ts';
import { updateEvent } from '../store/events.ts';
import { queueEntries } from '../store/record-queue.ts';

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
    const intoVoters = new Set((await questions.listCountedVotes(trx, Number(into.id))).map((v) => v.voterHash));
    const twice = fromVotes.filter((v) => intoVoters.has(v.voterHash));
    const moving = fromVotes.filter((v) => !intoVoters.has(v.voterHash));
    for (const vote of twice) await questions.withdrawVoteRow(trx, Number(vote.id));
    await questions.moveVotes(
      trx,
      moving.map((v) => Number(v.id)),
      Number(into.id),
    );
    await changeQuestion(trx, from, 'merged', { mergedInto: Number(into.id), votes: 0, groupId: Number(into.groupId) });
    await questions.addToVotes(trx, Number(into.id), moving.length);
    if (locked.pinnedQuestionId !== null && Number(locked.pinnedQuestionId) === Number(from.id)) {
      await updateEvent(trx, Number(event.id), { pinnedQuestionId: null });
    }
    const base = { petitionId: null, eventId: Number(event.id), delta: 0 };
    await queueEntries(trx, [
      {
        ...base,
        entry: {
          type: 'question.merged',
          v: 1,
          event: event.code,
          question: from.publicId,
          into: into.publicId,
          moved: moving.length,
        },
      },
      ...twice.map((vote) => ({
        ...base,
        entry: {
          type: 'vote.withdrawn' as const,
          v: 1 as const,
          event: event.code,
          question: from.publicId,
          vote: vote.publicId,
          reason: 'merged' as const,
        },
      })),
    ]);
  });
  ctx.events.changed(event.code);
}
