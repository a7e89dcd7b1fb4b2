import { createHmac } from 'node:crypto';
import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { passwordQueue, unknownAccountHash, verifyPassword } from '../crypto/passwords.ts';
import { clearLoginFailures, takeLoginAttempt } from '../store/login-failures.ts';

/** LoginThrottled is the `rate-limited` refusal of a login that failed too often; `until` is when it may try again. */
export class LoginThrottled extends VecheError {
  readonly until: number;
  constructor(until: number) {
    super('rate-limited', `Too many tries for this login; try again after ${new Date(until).toISOString()}.`);
    this.until = until;
  }
}

/**
 * loginKey is how a login is counted: a keyed hash of the login as typed, lower-cased, whether an account has it or
 * not. Unknown logins are counted and locked exactly like real ones, so the answer never tells which exist, and the
 * table says nothing readable without the hashing key.
 */
export function loginKey(ctx: ActionContext, login: string): string {
  return createHmac('sha256', ctx.secrets.hashing)
    .update(`login:${login.trim().normalize('NFC').toLowerCase()}`)
    .digest('base64url');
}

/** assertPasswordRoom throws `rate-limited` when the password queue is full, before anything is counted. */
export function assertPasswordRoom(): void {
  if (!passwordQueue.hasRoom())
    throw new VecheError('rate-limited', 'Too many sign-ins are being checked right now; try again in a few seconds.');
}

/**
 * countLoginAttempt counts one attempt at a login (a password or a code) before it is checked, or throws
 * LoginThrottled while the login is locked. A success must call forgetLoginAttempts.
 */
export async function countLoginAttempt(ctx: ActionContext, login: string): Promise<void> {
  const locked = await takeLoginAttempt(ctx.store.db, loginKey(ctx, login), ctx.now());
  if (locked) throw new LoginThrottled(locked.lockedUntil);
}

/** forgetLoginAttempts clears a login's count after a success. */
export async function forgetLoginAttempts(ctx: ActionContext, login: string): Promise<void> {
  await clearLoginFailures(ctx.store.db, loginKey(ctx, login));
}

/**
 * checkPassword checks a password for a login through the queue and the login's count: it throws while the login is
 * locked or the queue is full, and returns whether the password is right (a missing account is checked against a
 * dummy hash, taking the same time). A right password does not clear the count: the caller does, once the whole
 * sign-in (code included) has succeeded.
 */
export async function checkPassword(
  ctx: ActionContext,
  login: string,
  account: { passwordHash: string } | undefined,
  password: string,
): Promise<boolean> {
  assertPasswordRoom();
  await countLoginAttempt(ctx, login);
  const ok = await verifyPassword(password, account?.passwordHash ?? unknownAccountHash);
  return ok && account !== undefined;
}

/**
 * confirmOwnPassword checks the password of a signed-in person who is about to do something a stolen session must
 * not be enough for; it is counted and locked like a login, and throws `invalid-input` on `field` when wrong.
 */
export async function confirmOwnPassword(
  ctx: ActionContext,
  account: { login: string; passwordHash: string },
  password: string,
  field = 'password',
): Promise<void> {
  if (!(await checkPassword(ctx, account.login, account, password))) {
    // The old password form says "the current password"; everywhere else it is simply theirs.
    throw new VecheError('invalid-input', 'The password is wrong.', [
      { field, problem: field === 'currentPassword' ? 'wrong-password' : 'not-your-password' },
    ]);
  }
  await forgetLoginAttempts(ctx, account.login);
}
