import type { ActionContext } from './context.ts';
import { hashToken } from '../crypto/tokens.ts';
import { takeChallenge } from '../store/sessions.ts';
import { challengeAccount } from './challenge-account.ts';
import { startSession } from './start-session.ts';
import { enrolSecondFactor } from './enrol-second-factor.ts';
import { enrolmentHolder } from './enrolment-holder.ts';

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
  await takeChallenge(ctx.store.db, hashToken(challenge!));
  return { session: await startSession(ctx, account.id, browser), codes, accountId: account.id };
}
