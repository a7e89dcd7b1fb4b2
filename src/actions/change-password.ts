import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { hashPassword } from '../crypto/passwords.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as accounts from '../store/accounts.ts';
import { deleteSessions } from '../store/sessions.ts';
import { confirmOwnPassword } from './confirm-own-password.ts';
import { readNewPassword } from './read-new-password.ts';

/** changePassword replaces the password after checking the current one, and ends the account's other sessions. */
export async function changePassword(
  ctx: ActionContext,
  actor: Actor,
  sessionToken: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const current = input.text('currentPassword', { max: 200, required: true });
  const next = readNewPassword(input, 'newPassword');
  input.done();
  const account = await accounts.findAccount(ctx.store.db, actor.id);
  if (!account) throw new VecheError('not-found', 'No such account.');
  await confirmOwnPassword(ctx, account, current!, 'currentPassword');
  const passwordHash = await hashPassword(next!);
  await ctx.store.transaction(async (trx) => {
    await accounts.setPassword(trx, actor.id, passwordHash);
    await deleteSessions(trx, { accountId: actor.id, exceptHash: hashToken(sessionToken) });
  });
}
