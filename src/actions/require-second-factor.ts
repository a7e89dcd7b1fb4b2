import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import * as accounts from '../store/accounts.ts';
import * as secondFactor from '../store/second-factor.ts';
import * as sessions from '../store/sessions.ts';
import { confirmAdmin } from './confirm-admin.ts';

/**
 * requireSecondFactor turns the rule "every account has two-step sign-in" on or off, after the admin's password.
 * Turning it on needs the admin's own second factor, and ends every session of an account without one.
 */
export async function requireSecondFactor(
  ctx: ActionContext,
  actor: Actor,
  required: boolean,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  await confirmAdmin(ctx, actor, null, raw, ignore);
  if (required && !(await secondFactor.findSecondFactor(ctx.store.db, actor.id))?.secretSealed) {
    throw new VecheError('wrong-state', 'Turn on two-step sign-in for your own account first.', [
      { field: 'password', problem: 'admin-needs-second-factor' },
    ]);
  }
  await ctx.store.transaction(async (trx) => {
    await accounts.putSetting(trx, sessions.REQUIRE_SECOND_FACTOR, required ? '1' : null);
    if (required) await sessions.deleteSessionsWithoutSecondFactor(trx);
  });
}
