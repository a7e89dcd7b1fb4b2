import type { ActionContext } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { sealText } from '../crypto/email-cipher.ts';
import { matchTotp, newRecoveryCodes } from '../crypto/one-time-codes.ts';
import { findAccount } from '../store/accounts.ts';
import * as secondFactor from '../store/second-factor.ts';
import { hourOf } from '../store/sessions.ts';
import { recoveryCodeHash } from './check-second-factor.ts';
import { confirmOwnPassword } from './confirm-own-password.ts';
import { openPendingSecret } from './enrolment-holder.ts';

/**
 * enrolSecondFactor turns two-step sign-in on once a code from the secret being set up is entered, and returns ten
 * new recovery codes, shown once and stored only as keyed hashes. Signed in, the person also gives their password:
 * a stolen session alone must not be able to tie the account to someone else's phone.
 */
export async function enrolSecondFactor(
  ctx: ActionContext,
  accountId: number,
  raw: unknown,
  ignore: string[] = [],
  options: { password: boolean; holder: string },
): Promise<string[]> {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const code = input.text('code', { max: 40, required: true });
  const password = options.password ? input.text('password', { max: 200, required: true }) : null;
  input.done();
  const account = await findAccount(ctx.store.db, accountId);
  const state = await secondFactor.findSecondFactor(ctx.store.db, accountId);
  if (!account || !state) throw new VecheError('not-found', 'No such account.');
  if (state.secretSealed) throw new VecheError('wrong-state', 'Two-step sign-in is on already.');
  if (options.password) await confirmOwnPassword(ctx, account, password!);
  const secret = openPendingSecret(ctx, state.pendingSealed, options.holder);
  if (!secret) throw new VecheError('wrong-state', 'Open the set-up page again: the key it showed was replaced.');
  const step = matchTotp(secret, code!.replace(/\s+/g, ''), ctx.now());
  if (step === null) throw new VecheError('invalid-input', 'Wrong code.', [{ field: 'code', problem: 'wrong-code' }]);
  const codes = newRecoveryCodes();
  await ctx.store.transaction(async (trx) => {
    if (
      !(await secondFactor.enableSecondFactor(
        trx,
        accountId,
        state.pendingSealed!,
        sealText(ctx.secrets.encryption, secret),
        step,
        hourOf(ctx.now()),
      ))
    ) {
      throw new VecheError('conflict', 'The secret changed while you were setting it up; open the page again.');
    }
    await secondFactor.replaceRecoveryCodes(
      trx,
      accountId,
      codes.map((c) => recoveryCodeHash(ctx, c)),
    );
  });
  return codes;
}
