import type { ActionContext } from './context.ts';
import { checkPassword } from './check-password.ts';
import { forgetLoginAttempts } from './forget-login-attempts.ts';
import { VecheError } from '../domain/errors.ts';

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
