import type { ActionContext } from './context.ts';
import type { Event } from '../domain/event.ts';
import { lockEvent } from '../store/events.ts';
import type { Transaction } from '../store/open-store.ts';

/** inEventTransaction runs a moderator's change in a transaction holding the event's row, handing it the locked event. */
export async function inEventTransaction(
  ctx: ActionContext,
  event: Event,
  work: (trx: Transaction, locked: Event) => Promise<void>,
): Promise<void> {
  await ctx.store.transaction(async (trx) => {
    // Two moderators acting on one event at once are applied one after the other.
    const locked = await lockEvent(trx, event.id, 'update');
    await work(trx, locked!);
  });
}
