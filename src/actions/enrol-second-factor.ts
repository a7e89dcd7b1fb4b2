import type { ActionContext } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { openText, sealText } from '../crypto/email-cipher.ts';
import { matchTotp, newRecoveryCodes, newTotpSecret, totpUri } from '../crypto/one-time-codes.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as accounts from '../store/accounts.ts';
import * as secondFactor from '../store/second-factor.ts';
import * as sessions from '../store/sessions.ts';
import { hourOf } from '../store/sessions.ts';
import { recoveryCodeHash } from './check-second-factor.ts';
import { confirmOwnPassword } from './login-throttle.ts';
import { challengeAccount } from './log-in.ts';
import { startSession } from './account-sessions.ts';

/** Enrolment is what the set-up page shows: the secret as text and the `otpauth://` link its QR code carries. */
export interface Enrolment {
  secret: string;
  uri: string;
}

/**
 * prepareEnrolment returns the secret being set up for an account, making one (sealed with the encryption key) the
 * first time. Reloading the page shows the same secret, so a phone that scanned it keeps working.
 */
export async function prepareEnrolment(ctx: ActionContext, accountId: number): Promise<Enrolment> {
  const account = await accounts.findAccount(ctx.store.db, accountId);
  const state = await secondFactor.findSecondFactor(ctx.store.db, accountId);
  if (!account || !state) throw new VecheError('not-found', 'No such account.');
  if (state.secretSealed) throw new VecheError('wrong-state', 'Two-step sign-in is on already.');
  let secret: string;
  if (state.pendingSealed) {
    secret = openText(ctx.secrets.encryption, state.pendingSealed);
  } else {
    secret = newTotpSecret();
    await secondFactor.setPendingSecret(ctx.store.db, accountId, sealText(ctx.secrets.encryption, secret));
  }
  return { secret, uri: totpUri(secret, new URL(ctx.config.publicUrl).host, account.login) };
}

/**
 * enrolSecondFactor turns two-step sign-in on once a code from the secret being set up is entered, and returns ten
 * new recovery codes, shown once and stored only as keyed hashes. Signed in, the person also gives their password:
 * a stolen session alone must not be able to tie the account to someone else's phone.
 */
export async function enrolSecondFactor(ctx: ActionContext, accountId: number, raw: unknown, ignore: string[] = [], options: { password: boolean }): Promise<string[]> {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const code = input.text('code', { max: 40, required: true });
  const password = options.password ? input.text('password', { max: 200, required: true }) : null;
  input.done();
  const account = await accounts.findAccount(ctx.store.db, accountId);
  const state = await secondFactor.findSecondFactor(ctx.store.db, accountId);
  if (!account || !state) throw new VecheError('not-found', 'No such account.');
  if (state.secretSealed) throw new VecheError('wrong-state', 'Two-step sign-in is on already.');
  if (options.password) await confirmOwnPassword(ctx, account, password!);
  if (!state.pendingSealed) throw new VecheError('wrong-state', 'Open the set-up page again: no secret is being set up.');
  const step = matchTotp(openText(ctx.secrets.encryption, state.pendingSealed), code!.replace(/\s+/g, ''), ctx.now());
  if (step === null) throw new VecheError('invalid-input', 'Wrong code.', [{ field: 'code', problem: 'wrong-code' }]);
  const codes = newRecoveryCodes();
  await ctx.store.db.transaction().execute(async (trx) => {
    if (!await secondFactor.enableSecondFactor(trx, accountId, state.pendingSealed!, step, hourOf(ctx.now()))) {
      throw new VecheError('conflict', 'The secret changed while you were setting it up; open the page again.');
    }
    await secondFactor.replaceRecoveryCodes(trx, accountId, codes.map((c) => recoveryCodeHash(ctx, c)));
  });
  return codes;
}

/**
 * enrolAtLogIn sets up the second factor an admin requires, from the sign-in step the password opened, then starts
 * the session. It returns the session and the recovery codes to show.
 */
export async function enrolAtLogIn(ctx: ActionContext, challenge: string | undefined, raw: unknown, ignore: string[] = [], browser: string | null = null): Promise<{ session: string; codes: string[]; accountId: number }> {
  const account = await challengeAccount(ctx, challenge, 'enrol');
  const codes = await enrolSecondFactor(ctx, account.id, raw, ignore, { password: false });
  await sessions.takeChallenge(ctx.store.db, hashToken(challenge!));
  return { session: await startSession(ctx, account.id, browser), codes, accountId: account.id };
}
