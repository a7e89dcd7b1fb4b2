import type { ActionContext } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as sessions from '../store/sessions.ts';
import { countLoginAttempt } from './count-login-attempt.ts';
import { forgetLoginAttempts } from './forget-login-attempts.ts';
import { checkSecondFactor } from './check-second-factor.ts';
import { challengeAccount } from './challenge-account.ts';
import { startSession } from './start-session.ts';

/**
 * enterSecondFactor finishes a sign-in with a code from the app or a recovery code, and starts the session. Each code
 * tried is counted against the login like a password, so a stolen password does not buy a million guesses.
 */
export async function enterSecondFactor(
  ctx: ActionContext,
  challenge: string | undefined,
  raw: unknown,
  ignore: string[] = [],
  browser: string | null = null,
): Promise<{ session: string; usedRecoveryCode: boolean }> {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const code = input.text('code', { max: 40, required: true });
  input.done();
  const account = await challengeAccount(ctx, challenge, 'second-factor');
  await countLoginAttempt(ctx, account.login);
  const kind = await checkSecondFactor(ctx, account.id, code!);
  // Taking the step is what makes one code start one session, even sent twice at once.
  if (!(await sessions.takeChallenge(ctx.store.db, hashToken(challenge!))))
    throw new VecheError('token-used', 'This sign-in was finished already.');
  await forgetLoginAttempts(ctx, account.login);
  return { session: await startSession(ctx, account.id, browser), usedRecoveryCode: kind === 'recovery' };
}
