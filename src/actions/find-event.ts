import type { ActionContext } from './context.ts';
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
