import { createHmac } from 'node:crypto';
import type { ActionContext } from './context.ts';
import { LoginThrottled } from './login-throttled.ts';
import { clearLoginFailures, takeLoginAttempt } from '../store/login-failures.ts';

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
