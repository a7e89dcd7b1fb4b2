import type { ActionContext } from '../actions/context.ts';
import { VecheError } from '../domain/errors.ts';
import * as events from '../store/events.ts';
import { closeEvent } from '../actions/close-event.ts';

/** closeEndedEvents closes every open event whose end has passed; the jobs runner calls it. */
export async function closeEndedEvents(ctx: ActionContext): Promise<number> {
  let closed = 0;
  for (const event of await events.listEndedEvents(ctx.store.db, ctx.now())) {
    try {
      await closeEvent(ctx, null, event.code);
      closed++;
    } catch (error) {
      if (!(error instanceof VecheError && error.code === 'wrong-state')) throw error;
    }
  }
  return closed;
}
