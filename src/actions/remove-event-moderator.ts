import type { ActionContext, Actor } from './context.ts';
import * as events from '../store/events.ts';
import { loadOwnEvent } from './load-own-event.ts';

/** removeEventModerator takes an account off the event's moderators. */
export async function removeEventModerator(
  ctx: ActionContext,
  actor: Actor,
  code: string,
  accountId: number,
): Promise<void> {
  const event = await loadOwnEvent(ctx, actor, code);
  await events.removeModerator(ctx.store.db, Number(event.id), accountId);
}
