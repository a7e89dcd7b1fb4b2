import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { newRecoveryCodes } from '../crypto/one-time-codes.ts';
import * as secondFactor from '../store/second-factor.ts';
import { recoveryCodeHash } from './check-second-factor.ts';
import { confirmOwnPassword } from './confirm-own-password.ts';
import { ownAccount } from './own-account.ts';

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
