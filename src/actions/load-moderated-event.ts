import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import type { Event } from '../domain/event.ts';
import { findEvent } from './find-event.ts';

import { mayModerate } from './may-moderate.ts';

/** loadModeratedEvent returns an event the actor may moderate: as its organiser, an admin, or one of its moderators. */
export async function loadModeratedEvent(ctx: ActionContext, actor: Actor, code: string): Promise<Event> {
  const event = await findEvent(ctx, code);
  if (await mayModerate(ctx, actor, event)) return event;
  throw new VecheError('forbidden', 'You are not a moderator of this event.');
}
