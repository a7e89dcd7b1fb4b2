import type { ActionContext } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { findEvent } from './find-event.ts';
import { assertEventOpen } from './assert-event-open.ts';
import { forgetRecentQuestion, recentQuestion } from './recent-question.ts';
import { recentEvent } from './recent-event.ts';
import { votableQuestion } from './votable-question.ts';
import { voterHash } from './voter-hash.ts';
import { VecheError } from '../domain/errors.ts';
import { assertQuestionTransition } from '../domain/question-states.ts';
import { randomId } from '../crypto/tokens.ts';
import * as questions from '../store/questions.ts';
import { lockEventsOpenAt } from '../store/events.ts';
import { queueEntries } from '../store/record-queue.ts';
import type { Transaction } from '../store/open-store.ts';
import { Gather } from '../store/gather.ts';

/** VoteResult is the question voted on (a merged question's votes go to the one it was merged into) and its count. */
export interface VoteResult {
  question: string;
  votes: number;
}

/** castVote counts one vote of a browser for a published question and queues `vote.added`; a second vote is refused. `fresh` skips the one-second memory. */
export async function castVote(
  ctx: ActionContext,
  code: string,
  questionId: string,
  voterToken: string,
  fresh = false,
): Promise<VoteResult> {
  const event = await recentEvent(ctx, code);
  assertEventOpen(event, ctx.now());
  const question = fresh ? await votableQuestion(ctx, event, questionId) : await recentQuestion(ctx, event, questionId);
  assertQuestionTransition(question.status, 'vote');
  assertLogAccepting(ctx);
  const outcome = await votesOf(ctx).add({
    event: event.code,
    eventId: Number(event.id),
    question: question.publicId,
    questionId: Number(question.id),
    vote: `v${randomId(12)}`,
    voter: voterHash(ctx, event.code, voterToken),
  });
  if (outcome === 'already-voted') throw new VecheError('already-voted', 'You have already voted for this question.');
  if (outcome === 'not-open') {
    // The event closed, or the remembered question was hidden, merged or answered since: look again (a merged
    // question stands for another).
    assertEventOpen(await findEvent(ctx, code), ctx.now());
    if (fresh) throw new VecheError('wrong-state', 'This question is no longer open for votes.');
    forgetRecentQuestion(ctx, event, questionId);
    return castVote(ctx, code, questionId, voterToken, true);
  }
  ctx.events.changed(event.code);
  return { question: question.publicId, votes: outcome.votes };
}

/** PendingVote is a vote waiting for its batch: the event and question it is for, its public id and its voter hash. */
interface PendingVote {
  event: string;
  eventId: number;
  question: string;
  questionId: number;
  vote: string;
  voter: string;
}

/** VoteOutcome is what became of a pending vote: counted (with its question's count after the batch) or not, and why. */
type VoteOutcome = { votes: number } | 'already-voted' | 'not-open';

const gathers = new WeakMap<ActionContext, Gather<PendingVote, VoteOutcome>>();

/** votesOf is the context's gathering of votes: the votes arriving together are counted in one transaction. */
function votesOf(ctx: ActionContext): Gather<PendingVote, VoteOutcome> {
  let gather = gathers.get(ctx);
  if (!gather)
    gathers.set(ctx, (gather = new Gather((batch) => ctx.store.writes.run((trx) => countVotes(ctx, trx, batch)))));
  return gather;
}

/**
 * countVotes stores a batch of votes, adds them to their questions' counts and queues a `vote.added` for each, in
 * one transaction. A second vote from one browser (stopped by the unique index, not by a read before it) and a vote
 * for a question or event that stopped taking votes are that vote's outcome, never the batch's failure.
 */
async function countVotes(ctx: ActionContext, trx: Transaction, batch: PendingVote[]): Promise<VoteOutcome[]> {
  const now = ctx.now();
  const outcomes: VoteOutcome[] = batch.map(() => 'not-open');
  // The events are locked where the database needs it, so closing (which forgets the voters) waits for these votes.
  const open = await lockEventsOpenAt(
    trx,
    batch.map((v) => v.eventId),
    now,
  );
  const live = batch.map((_, i) => i).filter((i) => open.has(batch[i].eventId));
  const stored = await questions.insertVotes(
    trx,
    live.map((i) => ({ publicId: batch[i].vote, questionId: batch[i].questionId, voterHash: batch[i].voter })),
  );
  const byQuestion = new Map<number, number[]>();
  for (const i of live) {
    if (!stored.has(batch[i].vote)) {
      outcomes[i] = 'already-voted';
      continue;
    }
    const members = byQuestion.get(batch[i].questionId);
    if (members) members.push(i);
    else byQuestion.set(batch[i].questionId, [i]);
  }
  const counted: number[] = [];
  // Question rows are locked (on PostgreSQL) in id order too: batches on two nodes never wait on each other.
  for (const [questionId, members] of [...byQuestion].sort((a, b) => a[0] - b[0])) {
    const votes = await questions.addVotesIfOpen(
      trx,
      questionId,
      members.length,
      'published',
      batch[members[0]].eventId,
      now,
    );
    if (votes === null) {
      await questions.deleteVotes(
        trx,
        members.map((i) => stored.get(batch[i].vote)!),
      );
      continue;
    }
    for (const i of members) {
      outcomes[i] = { votes };
      counted.push(i);
    }
  }
  await queueEntries(
    trx,
    counted.map((i) => ({
      petitionId: null,
      eventId: batch[i].eventId,
      delta: 0,
      entry: { type: 'vote.added', v: 1, event: batch[i].event, question: batch[i].question, vote: batch[i].vote },
    })),
  );
  return outcomes;
}
