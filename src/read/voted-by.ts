import type { ActionContext } from '../actions/context.ts';
import { voterHash } from '../actions/voter-hash.ts';
import { votedQuestions } from '../store/questions.ts';
import type { Event } from '../domain/event.ts';

/** votedBy returns the public ids of the event's questions this browser counts a vote for. */
export async function votedBy(ctx: ActionContext, event: Event, voterToken: string | undefined): Promise<Set<string>> {
  if (!voterToken) return new Set();
  return votedQuestions(ctx.store.db, Number(event.id), voterHash(ctx, event.code, voterToken));
}
