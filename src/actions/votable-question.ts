import type { ActionContext } from './context.ts';
import { findEvent } from './find-event.ts';
import { VecheError } from '../domain/errors.ts';
import * as questions from '../store/questions.ts';
import type { Event } from '../domain/event.ts';
import type { Question } from '../domain/question.ts';

/** votableQuestion finds a question the public can see; a merged question stands for the one it was merged into. */
export async function votableQuestion(ctx: ActionContext, event: Event, questionId: string): Promise<Question> {
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
export async function recentEvent(ctx: ActionContext, code: string): Promise<Event> {
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
export async function recentQuestion(ctx: ActionContext, event: Event, questionId: string): Promise<Question> {
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

/** forgetRecentQuestion drops a question from the one-second memory, once a vote found it no longer open. */
export function forgetRecentQuestion(ctx: ActionContext, event: Event, questionId: string): void {
  recentQuestions.get(ctx.store)?.delete(`${event.id}:${questionId}`);
}
