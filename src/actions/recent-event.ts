import type { ActionContext } from './context.ts';
import { findEvent } from './find-event.ts';
import type { Event } from '../domain/event.ts';

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
