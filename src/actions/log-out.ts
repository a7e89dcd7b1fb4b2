import type { ActionContext } from './context.ts';
import { hashToken } from '../crypto/tokens.ts';
import { deleteSessions } from '../store/sessions.ts';

/** logOut ends a session. */
export async function logOut(ctx: ActionContext, sessionToken: string): Promise<void> {
  await deleteSessions(ctx.store.db, { tokenHash: hashToken(sessionToken) });
}
