import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import * as events from '../store/events.ts';
import type { Event } from '../domain/event.ts';
import { normaliseJoinCode } from '../domain/join-code.ts';

/** findEvent returns an event by join code (as typed) or throws `not-found`. */
export async function findEvent(ctx: ActionContext, code: string): Promise<Event> {
  const normal = normaliseJoinCode(code);
  const event = normal ? await events.findEventByCode(ctx.store.db, normal) : undefined;
  if (!event) throw new VecheError('not-found', 'No event has this code. Check the code and try again.');
  return event;
}

/** loadOwnEvent returns an event the actor may organise: its owner's, or any for an admin. */
export async function loadOwnEvent(ctx: ActionContext, actor: Actor, code: string): Promise<Event> {
  const event = await findEvent(ctx, code);
  if (actor.role !== 'admin' && (actor.role !== 'organiser' || Number(event.ownerId) !== actor.id)) {
    throw new VecheError('forbidden', "Only the event's organiser or an admin can do this.");
  }
  return event;
}

/** loadModeratedEvent returns an event the actor may moderate: as its organiser, an admin, or one of its moderators. */
export async function loadModeratedEvent(ctx: ActionContext, actor: Actor, code: string): Promise<Event> {
  const event = await findEvent(ctx, code);
  if (await mayModerate(ctx, actor, event)) return event;
  throw new VecheError('forbidden', 'You are not a moderator of this event.');
}

/** mayModerate tells whether the actor moderates the event. */
export async function mayModerate(ctx: ActionContext, actor: Actor, event: Event): Promise<boolean> {
  if (actor.role === 'admin' || Number(event.ownerId) === actor.id) return true;
  return events.isModerator(ctx.store.db, Number(event.id), actor.id);
}
