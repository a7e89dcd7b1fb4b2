import { VecheError } from '../domain/errors.ts';
import type { Event } from '../domain/event.ts';

/** assertEventOpen throws `event-not-open` unless the event takes questions and votes now. */
export function assertEventOpen(event: Event, now: number): void {
  if (event.status !== 'open' || Number(event.endsAt) <= now)
    throw new VecheError('event-not-open', 'This event is not taking questions or votes.');
}
