import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken } from '../crypto/tokens.ts';
import { findInvitation } from '../store/accounts.ts';

/** findOpenInvitation returns the role an invitation offers, throwing if it is unknown, used or expired. */
export async function findOpenInvitation(ctx: ActionContext, token: string) {
  const invitation = await findInvitation(ctx.store.db, hashToken(token));
  if (!invitation) throw new VecheError('token-invalid', 'This invitation link is not valid.');
  if (invitation.usedAt !== null) throw new VecheError('token-used', 'This invitation has already been used.');
  if (invitation.expiresAt < ctx.now())
    throw new VecheError('token-expired', 'This invitation has expired; ask for a new one.');
  return invitation;
}
