import type { ActionContext } from './context.ts';
import { openPendingSecret } from './enrolment-holder.ts';
import { VecheError } from '../domain/errors.ts';
import { sealText } from '../crypto/email-cipher.ts';
import { newTotpSecret, totpUri } from '../crypto/one-time-codes.ts';
import { findAccount } from '../store/accounts.ts';
import * as secondFactor from '../store/second-factor.ts';

/** Enrolment is what the set-up page shows: the secret as text and the `otpauth://` link its QR code carries. */
export interface Enrolment {
  secret: string;
  uri: string;
}

/**
 * prepareEnrolment returns the secret `holder` is setting up for an account, making one the first time. A reload shows
 * the same secret, so a phone that scanned it keeps working; but a secret shown to another session (a thief's, say)
 * is replaced, so that nobody else has seen the one that is finally turned on.
 */
export async function prepareEnrolment(ctx: ActionContext, accountId: number, holder: string): Promise<Enrolment> {
  const account = await findAccount(ctx.store.db, accountId);
  const state = await secondFactor.findSecondFactor(ctx.store.db, accountId);
  if (!account || !state) throw new VecheError('not-found', 'No such account.');
  if (state.secretSealed) throw new VecheError('wrong-state', 'Two-step sign-in is on already.');
  let secret = openPendingSecret(ctx, state.pendingSealed, holder);
  if (!secret) {
    secret = newTotpSecret();
    await secondFactor.setPendingSecret(
      ctx.store.db,
      accountId,
      sealText(ctx.secrets.encryption, `${holder}\n${secret}`),
    );
  }
  return { secret, uri: totpUri(secret, new URL(ctx.config.publicUrl).host, account.login) };
}
