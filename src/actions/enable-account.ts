import type { ActionContext, Actor } from './context.ts';
import * as accounts from '../store/accounts.ts';
import { confirmAdmin } from './confirm-admin.ts';

/**
 * enableAccount switches an account back on, after the admin's password: a stolen admin session must not be enough to
 * let back in an account switched off because its owner was arrested. Its owner logs in with the password they had.
 */
export async function enableAccount(
  ctx: ActionContext,
  actor: Actor,
  accountId: number,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  await confirmAdmin(ctx, actor, accountId, raw, ignore);
  await accounts.setDisabled(ctx.store.db, accountId, null);
}
