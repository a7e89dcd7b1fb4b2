import type { ActionContext } from './context.ts';
import { countLoginAttempt } from './count-login-attempt.ts';
import { VecheError } from '../domain/errors.ts';
import { passwordQueue, unknownAccountHash, verifyPassword } from '../crypto/passwords.ts';

/** assertPasswordRoom throws `rate-limited` when the password queue is full, before anything is counted. */
export function assertPasswordRoom(): void {
  if (!passwordQueue.hasRoom())
    throw new VecheError('rate-limited', 'Too many sign-ins are being checked right now; try again in a few seconds.');
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
