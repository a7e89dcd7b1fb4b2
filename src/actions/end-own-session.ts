import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as sessions from '../store/sessions.ts';

/** endOwnSession logs out one of the person's own sessions, returning whether it was the one in use. */
export async function endOwnSession(
  ctx: ActionContext,
  actor: Actor,
  sessionToken: string,
  publicId: string,
): Promise<{ current: boolean }> {
  if (publicId.length > 40) throw new VecheError('not-found', 'No such session.');
  const current = await sessions.deleteSessions(ctx.store.db, {
    tokenHash: hashToken(sessionToken),
    publicId,
    accountId: actor.id,
  });
  if (current === 1) return { current: true };
  const other = await sessions.deleteSessions(ctx.store.db, { accountId: actor.id, publicId });
  if (other === 0) throw new VecheError('not-found', 'No such session (it may have ended already).');
  return { current: false };
}
