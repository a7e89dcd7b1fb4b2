import { createSecretKey } from 'node:crypto';
import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { openText } from '../crypto/email-cipher.ts';
import { matchTotp, readRecoveryCode } from '../crypto/one-time-codes.ts';
import { macOf } from '../crypto/tokens.ts';
import * as secondFactor from '../store/second-factor.ts';
import { hourOf } from '../store/sessions.ts';

/** recoveryCodeHash is how a recovery code is stored: keyed by the hashing key, so a leaked table alone proves nothing. */
export function recoveryCodeHash(ctx: ActionContext, code: string): string {
  return macOf(createSecretKey(ctx.secrets.hashing), `recovery:${code}`);
}

/**
 * checkSecondFactor accepts a code from the account's authenticator app (within one 30-second step either side, and
 * only in a step later than the last one accepted) or one of its unused recovery codes, which it uses up. It throws
 * `invalid-input` on `field` otherwise: `wrong-code`, or `code-used` for a right code already used.
 */
export async function checkSecondFactor(
  ctx: ActionContext,
  accountId: number,
  typed: string,
  field = 'code',
): Promise<'app' | 'recovery'> {
  const state = await secondFactor.findSecondFactor(ctx.store.db, accountId);
  if (!state?.secretSealed) throw new VecheError('wrong-state', 'This account has no second factor.');
  const digits = typed.replace(/\s+/g, '');
  if (/^\d{6}$/.test(digits)) {
    const step = matchTotp(openText(ctx.secrets.encryption, state.secretSealed), digits, ctx.now());
    if (step !== null) {
      if (await secondFactor.useTotpStep(ctx.store.db, accountId, step)) return 'app';
      throw new VecheError('invalid-input', 'This code was used already.', [{ field, problem: 'code-used' }]);
    }
  } else {
    const code = readRecoveryCode(typed);
    if (
      code &&
      (await secondFactor.useRecoveryCode(ctx.store.db, accountId, recoveryCodeHash(ctx, code), hourOf(ctx.now())))
    )
      return 'recovery';
  }
  throw new VecheError('invalid-input', 'Wrong code.', [{ field, problem: 'wrong-code' }]);
}
