import type { ActionContext, Actor } from './context.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as sessions from '../store/sessions.ts';

/** endOtherSessions logs out every session of the person but the one in use, returning how many ended. */
export function endOtherSessions(ctx: ActionContext, actor: Actor, sessionToken: string): Promise<number> {
  return sessions.deleteSessions(ctx.store.db, { accountId: actor.id, exceptHash: hashToken(sessionToken) });
}
