import type { ActionContext, Actor } from './context.ts';
import * as events from '../store/events.ts';
import type { Event } from '../domain/event.ts';

/** mayModerate tells whether the actor moderates the event. */
export async function mayModerate(ctx: ActionContext, actor: Actor, event: Event): Promise<boolean> {
  if (actor.role === 'admin' || Number(event.ownerId) === actor.id) return true;
  return events.isModerator(ctx.store.db, Number(event.id), actor.id);
}
