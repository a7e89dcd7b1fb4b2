import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken, newToken } from '../crypto/tokens.ts';
import * as accounts from '../store/accounts.ts';
import * as resets from '../store/password-resets.ts';
import * as sessions from '../store/sessions.ts';
import { clearSecondFactor } from '../store/second-factor.ts';
import { forgetLoginAttempts } from './forget-login-attempts.ts';
import { RESET_MS } from './issue-password-reset.ts';

/**
 * recoverAccount is the way back for an admin locked out of their own site (the only admin, phone and recovery codes
 * lost): run on the server by whoever holds it, it switches the account on, turns its second factor off, ends its
 * sessions and returns a one-time password reset link. Holding the server already means holding everything.
 */
export async function recoverAccount(ctx: ActionContext, login: string): Promise<{ token: string; expiresAt: number }> {
  const account = await accounts.findAccountByLogin(ctx.store.db, login.trim().toLowerCase());
  if (!account) throw new VecheError('not-found', `No account has the login "${login}".`);
  const id = Number(account.id);
  const token = newToken();
  const expiresAt = ctx.now() + RESET_MS;
  await ctx.store.transaction(async (trx) => {
    await accounts.setDisabled(trx, id, null);
    await clearSecondFactor(trx, id);
    await sessions.deleteSessions(trx, { accountId: id });
    await sessions.deleteChallenges(trx, id);
    await resets.insertPasswordReset(trx, {
      tokenHash: hashToken(token),
      accountId: id,
      createdBy: id,
      createdAt: ctx.now(),
      expiresAt,
    });
  });
  await forgetLoginAttempts(ctx, account.login);
  return { token, expiresAt };
}
