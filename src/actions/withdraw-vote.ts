import type { ActionContext } from './context.ts';
import type { VoteResult } from './cast-vote.ts';
import { findEvent } from './find-event.ts';
import { assertEventOpen } from './assert-event-open.ts';
import { votableQuestion } from './votable-question.ts';
import { voterHash } from './voter-hash.ts';
import { VecheError } from '../domain/errors.ts';
import { assertQuestionTransition } from '../domain/question-states.ts';
import * as questions from '../store/questions.ts';
import { lockEvent } from '../store/events.ts';
import { queueEntries } from '../store/record-queue.ts';

/** withdrawVote takes a browser's vote for a question back and queues `vote.withdrawn`. */
export async function withdrawVote(
  ctx: ActionContext,
  code: string,
  questionId: string,
  voterToken: string,
): Promise<VoteResult> {
  const event = await findEvent(ctx, code);
  assertEventOpen(event, ctx.now());
  const question = await votableQuestion(ctx, event, questionId);
  assertQuestionTransition(question.status, 'unvote');
  const voter = voterHash(ctx, event.code, voterToken);
  const vote = await questions.findCountedVote(ctx.store.db, Number(question.id), voter);
  if (!vote) throw new VecheError('wrong-state', 'There is no vote of yours on this question to take back.');
  await ctx.store.writes.run(async (trx) => {
    const locked = await lockEvent(trx, event.id, 'share');
    assertEventOpen(locked!, ctx.now());
    if (!(await questions.withdrawVoteRow(trx, Number(vote.id))))
      throw new VecheError('wrong-state', 'This vote was taken back already.');
    // The vote may have moved with a merge since it was read: take it from the question it is on now.
    const onId = await questions.questionOfVote(trx, vote.id);
    const on = await questions.findQuestionById(trx, onId);
    await questions.addToVotes(trx, onId, -1);
    await queueEntries(trx, [
      {
        petitionId: null,
        eventId: Number(event.id),
        delta: 0,
        entry: {
          type: 'vote.withdrawn',
          v: 1,
          event: event.code,
          question: on!.publicId,
          vote: vote.publicId,
          reason: 'voter',
        },
      },
    ]);
  });
  ctx.events.changed(event.code);
  const after = await questions.findQuestionById(ctx.store.db, Number(question.id));
  return { question: question.publicId, votes: Number(after?.votes ?? 0) };
}
