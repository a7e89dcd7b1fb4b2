import type { ActionContext } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { hashPassword } from '../crypto/passwords.ts';
import * as accounts from '../store/accounts.ts';
import * as resets from '../store/password-resets.ts';
import * as sessions from '../store/sessions.ts';
import { forgetLoginAttempts } from './forget-login-attempts.ts';
import { readNewPassword } from './read-new-password.ts';
import { findPasswordResetLink } from './find-password-reset-link.ts';

/**
 * resetPassword sets a new password with a reset link, once: the link is used up, every session of the account ends,
 * and the login's failure count is cleared. The person then logs in as usual (with their code, if they have one).
 */
export async function resetPassword(
  ctx: ActionContext,
  token: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<string> {
  const reset = await findPasswordResetLink(ctx, token);
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const password = readNewPassword(input, 'newPassword');
  input.done();
  const passwordHash = await hashPassword(password!);
  await ctx.store.transaction(async (trx) => {
    if (!(await resets.usePasswordReset(trx, reset.id, ctx.now())))
      throw new VecheError('token-used', 'This link was used already.');
    await accounts.setPassword(trx, reset.accountId, passwordHash);
    await sessions.deleteSessions(trx, { accountId: reset.accountId });
    await sessions.deleteChallenges(trx, reset.accountId);
  });
  await forgetLoginAttempts(ctx, reset.login);
  return reset.login;
}
