import type { ActionContext, Actor } from './context.ts';
import * as secondFactor from '../store/second-factor.ts';
import * as sessions from '../store/sessions.ts';
import { confirmAdmin } from './confirm-admin.ts';

/**
 * resetSecondFactorOf turns another account's second factor off (a lost phone), ending its sessions: its owner logs
 * in with the password and, if the admin requires it, sets up a new second factor before anything else.
 */
export async function resetSecondFactorOf(
  ctx: ActionContext,
  actor: Actor,
  accountId: number,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  await confirmAdmin(ctx, actor, accountId, raw, ignore);
  await ctx.store.transaction(async (trx) => {
    await secondFactor.clearSecondFactor(trx, accountId);
    await sessions.deleteSessions(trx, { accountId });
    await sessions.deleteChallenges(trx, accountId);
  });
}
