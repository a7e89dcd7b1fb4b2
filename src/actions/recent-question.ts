import type { ActionContext } from './context.ts';
import { votableQuestion } from './votable-question.ts';
import type { Event } from '../domain/event.ts';
import type { Question } from '../domain/question.ts';

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
