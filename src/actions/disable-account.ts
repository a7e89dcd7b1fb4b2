import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import * as accounts from '../store/accounts.ts';
import * as sessions from '../store/sessions.ts';
import { deletePasswordResets } from '../store/password-resets.ts';
import { confirmAdmin } from './confirm-admin.ts';

/**
 * disableAccount switches an account off: its sessions, sign-in steps and reset links end with it, and its login
 * stops working. The last enabled admin cannot be switched off (checked under a lock on PostgreSQL).
 */
export async function disableAccount(
  ctx: ActionContext,
  actor: Actor,
  accountId: number,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  await confirmAdmin(ctx, actor, accountId, raw, ignore);
  await ctx.store.transaction(async (trx) => {
    if ((await accounts.countOtherEnabledAdmins(trx, accountId)) === 0) {
      throw new VecheError('wrong-state', 'The last admin cannot be switched off.', [
        { field: 'account', problem: 'last-admin' },
      ]);
    }
    await accounts.setDisabled(trx, accountId, ctx.now());
    await sessions.deleteSessions(trx, { accountId });
    await sessions.deleteChallenges(trx, accountId);
    await deletePasswordResets(trx, accountId);
  });
}
