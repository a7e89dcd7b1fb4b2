import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashPassword } from '../crypto/passwords.ts';
import * as accounts from '../store/accounts.ts';
import { startSession } from './start-session.ts';
import { findOpenInvitation } from './find-open-invitation.ts';
import { readNewAccount } from './read-new-account.ts';

/** acceptInvitation creates the invited account and signs it in, returning the session token. */
export async function acceptInvitation(
  ctx: ActionContext,
  token: string,
  raw: unknown,
  ignore: string[] = [],
  browser: string | null = null,
): Promise<string> {
  const invitation = await findOpenInvitation(ctx, token);
  const account = readNewAccount(raw, ignore);
  const passwordHash = await hashPassword(account.password);
  const id = await ctx.store.transaction(async (trx) => {
    if (await accounts.findAccountByLogin(trx, account.login)) {
      throw new VecheError('invalid-input', 'That login is taken.', [{ field: 'login', problem: 'login-taken' }]);
    }
    if (!(await accounts.useInvitation(trx, invitation.id, ctx.now())))
      throw new VecheError('token-used', 'This invitation has already been used.');
    return accounts.insertAccount(trx, {
      login: account.login,
      displayName: account.displayName,
      role: invitation.role,
      passwordHash: passwordHash,
      createdAt: ctx.now(),
    });
  });
  return startSession(ctx, id, browser);
}
