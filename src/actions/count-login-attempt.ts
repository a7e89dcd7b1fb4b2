import type { ActionContext } from './context.ts';
import { LoginThrottled } from './login-throttled.ts';
import { loginKey } from './login-key.ts';
import { takeLoginAttempt } from '../store/login-failures.ts';

/**
 * countLoginAttempt counts one attempt at a login (a password or a code) before it is checked, or throws
 * LoginThrottled while the login is locked. A success must call forgetLoginAttempts.
 */
export async function countLoginAttempt(ctx: ActionContext, login: string): Promise<void> {
  const locked = await takeLoginAttempt(ctx.store.db, loginKey(ctx, login), ctx.now());
  if (locked) throw new LoginThrottled(locked.lockedUntil);
}
