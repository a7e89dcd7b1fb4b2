import type { ActionContext, Actor } from './context.ts';
import * as sessions from '../store/sessions.ts';

/** endEverySession logs out every session of the person, the one in use too. */
export function endEverySession(ctx: ActionContext, actor: Actor): Promise<number> {
  return sessions.deleteSessions(ctx.store.db, { accountId: actor.id });
}
