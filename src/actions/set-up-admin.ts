import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashPassword } from '../crypto/passwords.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as accounts from '../store/accounts.ts';
import { startSession } from './start-session.ts';
import { checkSetupToken, setupSetting } from './check-setup-token.ts';
import { readNewAccount } from './read-new-account.ts';

/** setUpAdmin creates the first admin account with the one-time setup token and signs them in. */
export async function setUpAdmin(
  ctx: ActionContext,
  token: string,
  raw: unknown,
  ignore: string[] = [],
  browser: string | null = null,
): Promise<string> {
  await checkSetupToken(ctx, token);
  const account = readNewAccount(raw, ignore);
  const passwordHash = await hashPassword(account.password);
  const id = await ctx.store.transaction(async (trx) => {
    // Taking the token is what makes two clicks at once create one admin: only one delete finds the row.
    if (!(await accounts.takeSetting(trx, setupSetting, hashToken(token))) || (await accounts.countAdmins(trx)) > 0) {
      throw new VecheError('token-used', 'The site is already set up.');
    }
    return accounts.insertAccount(trx, {
      login: account.login,
      displayName: account.displayName,
      role: 'admin',
      passwordHash: passwordHash,
      createdAt: ctx.now(),
    });
  });
  return startSession(ctx, id, browser);
}
