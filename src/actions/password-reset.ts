import type { PasswordReset } from '../domain/password-reset.ts';
import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { hashPassword } from '../crypto/passwords.ts';
import { hashToken, newToken } from '../crypto/tokens.ts';
import * as accounts from '../store/accounts.ts';
import * as resets from '../store/password-resets.ts';
import * as sessions from '../store/sessions.ts';
import { clearSecondFactor } from '../store/second-factor.ts';
import { forgetLoginAttempts } from './count-login-attempt.ts';
import { readNewPassword } from './read-new-password.ts';
import { confirmAdmin } from './confirm-admin.ts';

/** RESET_MS is how long a password reset link works. */
export const RESET_MS = 24 * 3600_000;

/**
 * issuePasswordReset makes a one-time link that sets a new password for another account, after the admin's own
 * password. Only the newest link of an account works. The link changes the password only: a second factor, if the
 * account has one, is still asked for at the next login.
 */
export async function issuePasswordReset(
  ctx: ActionContext,
  actor: Actor,
  accountId: number,
  raw: unknown,
  ignore: string[] = [],
): Promise<{ token: string; expiresAt: number; login: string }> {
  const person = await confirmAdmin(ctx, actor, accountId, raw, ignore);
  if (person.disabledAt !== null) throw new VecheError('wrong-state', 'Switch the account on first.');
  const token = newToken();
  const expiresAt = ctx.now() + RESET_MS;
  await ctx.store.transaction((trx) =>
    resets.insertPasswordReset(trx, {
      tokenHash: hashToken(token),
      accountId,
      createdBy: actor.id,
      createdAt: ctx.now(),
      expiresAt,
    }),
  );
  return { token, expiresAt, login: person.login };
}

/** findPasswordResetLink returns the login a reset link is for, or throws `token-invalid`, `token-used` or `token-expired`. */
export async function findPasswordResetLink(ctx: ActionContext, token: string): Promise<PasswordReset> {
  const reset = token.length <= 100 ? await resets.findPasswordReset(ctx.store.db, hashToken(token)) : undefined;
  if (!reset || reset.accountDisabled) throw new VecheError('token-invalid', 'This link is not valid.');
  if (reset.usedAt !== null) throw new VecheError('token-used', 'This link was used already.');
  if (reset.expiresAt < ctx.now())
    throw new VecheError('token-expired', 'This link has expired; ask the admin for a new one.');
  return reset;
}

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
