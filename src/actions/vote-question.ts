import type { ActionContext } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { findEvent } from './find-event.ts';
import { assertEventOpen } from './ask-question.ts';
import { VecheError } from '../domain/errors.ts';
import { assertQuestionTransition } from '../domain/question-states.ts';
import { randomId, macOf } from '../crypto/tokens.ts';
import { createSecretKey, type KeyObject } from 'node:crypto';
import * as questions from '../store/questions.ts';
import { lockEvent, lockEventsOpenAt } from '../store/events.ts';
import { queueEntries } from '../store/record-queue.ts';
import type { Event } from '../domain/event.ts';
import type { Question } from '../domain/question.ts';
import type { Transaction } from '../store/open-store.ts';
import { Gather } from '../store/gather.ts';
import type { Secrets } from '../crypto/secrets.ts';

const keys = new WeakMap<Secrets, KeyObject>();

/**
 * voterHash is what a vote keeps of who cast it: a keyed hash of the browser's random voter token and the event's
 * code. It stops a second vote from one browser, cannot be reversed into the token, and differs between events, so
 * one browser's votes in two events cannot be linked. It is replaced by the vote's own id when the event closes.
 */
export function voterHash(ctx: ActionContext, code: string, voterToken: string): string {
  let key = keys.get(ctx.secrets);
  if (!key) {
    key = createSecretKey(ctx.secrets.hashing);
    keys.set(ctx.secrets, key);
  }
  return macOf(key, `vote\u0000${code}\u0000${voterToken}`);
}

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
    recentQuestions.get(ctx.store)?.delete(`${event.id}:${questionId}`);
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

/** votedBy returns the public ids of the event's questions this browser counts a vote for. */
export async function votedBy(ctx: ActionContext, event: Event, voterToken: string | undefined): Promise<Set<string>> {
  if (!voterToken) return new Set();
  return questions.votedQuestions(ctx.store.db, Number(event.id), voterHash(ctx, event.code, voterToken));
}

/** votableQuestion finds a question the public can see; a merged question stands for the one it was merged into. */
async function votableQuestion(ctx: ActionContext, event: Event, questionId: string): Promise<Question> {
  let question =
    questionId.length <= 40 ? await questions.findQuestion(ctx.store.db, Number(event.id), questionId) : undefined;
  for (let hops = 0; question && question.status === 'merged' && question.mergedInto !== null && hops < 5; hops++) {
    question = await questions.findQuestionById(ctx.store.db, Number(question.mergedInto));
  }
  if (!question || question.status === 'pending' || question.status === 'merged') {
    throw new VecheError('not-found', 'This event has no such question.');
  }
  return question;
}

const recentEvents = new WeakMap<object, Map<string, { event: Event; at: number }>>();

/**
 * recentEvent is findEvent with a one-second memory, for the busiest path there is: votes. What it may miss (the event
 * closing in that second) is checked again inside the vote's transaction, against the locked row.
 */
async function recentEvent(ctx: ActionContext, code: string): Promise<Event> {
  let cache = recentEvents.get(ctx.store);
  if (!cache) recentEvents.set(ctx.store, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(code);
  if (hit && now - hit.at < 1000) return hit.event;
  const event = await findEvent(ctx, code);
  if (cache.size > 1000) cache.clear();
  cache.set(code, { event, at: now });
  return event;
}

const recentQuestions = new WeakMap<object, Map<string, { question: Question; at: number }>>();

/**
 * recentQuestion is votableQuestion with a one-second memory of published questions. What it may miss (a question
 * hidden, merged or answered in that second) the vote's transaction checks again: it counts only on a published row.
 */
async function recentQuestion(ctx: ActionContext, event: Event, questionId: string): Promise<Question> {
  let cache = recentQuestions.get(ctx.store);
  if (!cache) recentQuestions.set(ctx.store, (cache = new Map()));
  const key = `${event.id}:${questionId}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < 1000) return hit.question;
  const question = await votableQuestion(ctx, event, questionId);
  if (question.status === 'published') {
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { question, at: now });
  }
  return question;
}
