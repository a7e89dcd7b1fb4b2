import type { PasswordReset } from '../domain/password-reset.ts';
import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as resets from '../store/password-resets.ts';

/** findPasswordResetLink returns the login a reset link is for, or throws `token-invalid`, `token-used` or `token-expired`. */
export async function findPasswordResetLink(ctx: ActionContext, token: string): Promise<PasswordReset> {
  const reset = token.length <= 100 ? await resets.findPasswordReset(ctx.store.db, hashToken(token)) : undefined;
  if (!reset || reset.accountDisabled) throw new VecheError('token-invalid', 'This link is not valid.');
  if (reset.usedAt !== null) throw new VecheError('token-used', 'This link was used already.');
  if (reset.expiresAt < ctx.now())
    throw new VecheError('token-expired', 'This link has expired; ask the admin for a new one.');
  return reset;
}
