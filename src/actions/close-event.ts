import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import * as events from '../store/events.ts';
import { queueEntries } from '../store/record-queue.ts';
import { findEvent } from './find-event.ts';
import { loadOwnEvent } from './load-own-event.ts';

/** closeEvent stops an event taking questions and votes, and records `event.closed`. */
export async function closeEvent(ctx: ActionContext, actor: Actor | null, code: string): Promise<void> {
  const event = actor ? await loadOwnEvent(ctx, actor, code) : await findEvent(ctx, code);
  if (event.status !== 'open') throw new VecheError('wrong-state', 'The event is closed already.');
  await ctx.store.transaction(async (trx) => {
    if (!(await events.closeEventRow(trx, Number(event.id), ctx.now())))
      throw new VecheError('wrong-state', 'The event is closed already.');
    await queueEntries(trx, [
      {
        petitionId: null,
        eventId: Number(event.id),
        delta: 0,
        entry: { type: 'event.closed', v: 1, event: event.code },
      },
    ]);
    // Votes are final now: forget which browser cast which, so a seized database cannot tie a phone to its votes.
    await events.forgetVoters(trx, Number(event.id));
  });
  ctx.events.changed(event.code);
}
