import type { ActionContext } from './context.ts';
import { loginKey } from './login-key.ts';
import { clearLoginFailures } from '../store/login-failures.ts';

/** forgetLoginAttempts clears a login's count after a success. */
export async function forgetLoginAttempts(ctx: ActionContext, login: string): Promise<void> {
  await clearLoginFailures(ctx.store.db, loginKey(ctx, login));
}
