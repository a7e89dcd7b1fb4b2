import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import * as accounts from '../store/accounts.ts';
import * as secondFactor from '../store/second-factor.ts';
import { REQUIRE_SECOND_FACTOR } from '../store/sessions.ts';
import { checkSecondFactor } from './check-second-factor.ts';
import { checkPassword } from './check-password.ts';
import { countLoginAttempt } from './count-login-attempt.ts';
import { forgetLoginAttempts } from './forget-login-attempts.ts';
import { ownAccount } from './own-account.ts';

/**
 * turnOffSecondFactor turns the person's two-step sign-in off with their password and a current code (or a recovery
 * code). It is refused while the admin requires two-step sign-in for everyone.
 */
export async function turnOffSecondFactor(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const password = input.text('password', { max: 200, required: true });
  const code = input.text('code', { max: 40, required: true });
  input.done();
  if ((await accounts.getSetting(ctx.store.db, REQUIRE_SECOND_FACTOR)) === '1') {
    throw new VecheError('forbidden', 'The admin requires two-step sign-in for every account.');
  }
  const account = await ownAccount(ctx, actor);
  // The password and then the code are each counted like a login, and the count is cleared only when both are right:
  // someone who has the session and the password still gets five guesses at the code, not a million.
  if (!(await checkPassword(ctx, account.login, account, password!))) {
    throw new VecheError('invalid-input', 'The password is wrong.', [
      { field: 'password', problem: 'not-your-password' },
    ]);
  }
  await countLoginAttempt(ctx, account.login);
  await checkSecondFactor(ctx, actor.id, code!);
  await forgetLoginAttempts(ctx, account.login);
  await ctx.store.transaction((trx) => secondFactor.clearSecondFactor(trx, actor.id));
}
