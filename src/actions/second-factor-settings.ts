import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { newRecoveryCodes } from '../crypto/one-time-codes.ts';
import * as accounts from '../store/accounts.ts';
import * as secondFactor from '../store/second-factor.ts';
import { REQUIRE_SECOND_FACTOR } from '../store/sessions.ts';
import { checkSecondFactor, recoveryCodeHash } from './check-second-factor.ts';
import { checkPassword } from './check-password.ts';
import { confirmOwnPassword } from './confirm-own-password.ts';
import { countLoginAttempt, forgetLoginAttempts } from './count-login-attempt.ts';

/** SecondFactorStatus is what a person's two-step sign-in page says about their account. */
export interface SecondFactorStatus {
  enabled: boolean;
  enabledAt: number | null;
  recoveryCodesLeft: number;
  required: boolean;
}

/** secondFactorStatus says whether the person's second factor is on, since when, and how many recovery codes remain. */
export async function secondFactorStatus(ctx: ActionContext, actor: Actor): Promise<SecondFactorStatus> {
  const state = await secondFactor.findSecondFactor(ctx.store.db, actor.id);
  return {
    enabled: Boolean(state?.secretSealed),
    enabledAt: state?.enabledAt ?? null,
    recoveryCodesLeft: await secondFactor.countRecoveryCodes(ctx.store.db, actor.id),
    required: (await accounts.getSetting(ctx.store.db, REQUIRE_SECOND_FACTOR)) === '1',
  };
}

/** remakeRecoveryCodes replaces the person's recovery codes with ten new ones, after their password; the old stop working. */
export async function remakeRecoveryCodes(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  ignore: string[] = [],
): Promise<string[]> {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const password = input.text('password', { max: 200, required: true });
  input.done();
  const account = await ownAccount(ctx, actor);
  await confirmOwnPassword(ctx, account, password!);
  if (!(await secondFactor.findSecondFactor(ctx.store.db, actor.id))?.secretSealed)
    throw new VecheError('wrong-state', 'Two-step sign-in is off.');
  const codes = newRecoveryCodes();
  await ctx.store.transaction((trx) =>
    secondFactor.replaceRecoveryCodes(
      trx,
      actor.id,
      codes.map((c) => recoveryCodeHash(ctx, c)),
    ),
  );
  return codes;
}

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

async function ownAccount(ctx: ActionContext, actor: Actor) {
  const account = await accounts.findAccount(ctx.store.db, actor.id);
  if (!account) throw new VecheError('not-found', 'No such account.');
  return account;
}
