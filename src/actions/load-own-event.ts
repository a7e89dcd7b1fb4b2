import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import type { Event } from '../domain/event.ts';
import { findEvent } from './find-event.ts';

/** loadOwnEvent returns an event the actor may organise: its owner's, or any for an admin. */
export async function loadOwnEvent(ctx: ActionContext, actor: Actor, code: string): Promise<Event> {
  const event = await findEvent(ctx, code);
  if (actor.role !== 'admin' && (actor.role !== 'organiser' || Number(event.ownerId) !== actor.id)) {
    throw new VecheError('forbidden', "Only the event's organiser or an admin can do this.");
  }
  return event;
}
