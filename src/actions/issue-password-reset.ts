import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken, newToken } from '../crypto/tokens.ts';
import * as resets from '../store/password-resets.ts';
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
