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
 * enrolmentHolder names who is setting a second factor up: a session, or a sign-in step (`kind`), by a hash of its
 * token. The secret being set up is sealed together with it.
 */
export function enrolmentHolder(kind: 'session' | 'step', token: string): string {
  return `${kind}:${hashToken(token).slice(0, 24)}`;
}

/** openPending returns the secret being set up if `holder` asked for it, else null. */
function openPending(ctx: ActionContext, sealed: string | null, holder: string): string | null {
  if (!sealed) return null;
  const [owner, secret] = openText(ctx.secrets.encryption, sealed).split('\n');
  return owner === holder && secret ? secret : null;
}

/**
 * prepareEnrolment returns the secret `holder` is setting up for an account, making one the first time. A reload shows
 * the same secret, so a phone that scanned it keeps working; but a secret shown to another session (a thief's, say)
 * is replaced, so that nobody else has seen the one that is finally turned on.
 */
export async function prepareEnrolment(ctx: ActionContext, accountId: number, holder: string): Promise<Enrolment> {
  const account = await accounts.findAccount(ctx.store.db, accountId);
  const state = await secondFactor.findSecondFactor(ctx.store.db, accountId);
  if (!account || !state) throw new VecheError('not-found', 'No such account.');
  if (state.secretSealed) throw new VecheError('wrong-state', 'Two-step sign-in is on already.');
  let secret = openPending(ctx, state.pendingSealed, holder);
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
  const account = await accounts.findAccount(ctx.store.db, accountId);
  const state = await secondFactor.findSecondFactor(ctx.store.db, accountId);
  if (!account || !state) throw new VecheError('not-found', 'No such account.');
  if (state.secretSealed) throw new VecheError('wrong-state', 'Two-step sign-in is on already.');
  if (options.password) await confirmOwnPassword(ctx, account, password!);
  const secret = openPending(ctx, state.pendingSealed, options.holder);
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

/**
 * enrolAtLogIn sets up the second factor an admin requires, from the sign-in step the password opened, then starts
 * the session. It returns the session and the recovery codes to show.
 */
export async function enrolAtLogIn(
  ctx: ActionContext,
  challenge: string | undefined,
  raw: unknown,
  ignore: string[] = [],
  browser: string | null = null,
): Promise<{ session: string; codes: string[]; accountId: number }> {
  const account = await challengeAccount(ctx, challenge, 'enrol');
  const codes = await enrolSecondFactor(ctx, account.id, raw, ignore, {
    password: false,
    holder: enrolmentHolder('step', challenge!),
  });
  await sessions.takeChallenge(ctx.store.db, hashToken(challenge!));
  return { session: await startSession(ctx, account.id, browser), codes, accountId: account.id };
}
