import type { ActionContext } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken, newToken } from '../crypto/tokens.ts';
import * as accounts from '../store/accounts.ts';
import * as sessions from '../store/sessions.ts';
import { checkPassword } from './check-password.ts';
import { forgetLoginAttempts } from './forget-login-attempts.ts';
import { startSession } from './start-session.ts';

/** CHALLENGE_MS is how long the step between a right password and a session lasts. */
export const CHALLENGE_MS = 10 * 60_000;

/**
 * LoginStep is where a right password leads: a session, the code page (the account has a second factor), or the
 * page that sets one up (the admin requires it and the account has none). The two steps carry a token of their own,
 * kept in a cookie, which is not a session: it opens nothing but its one page.
 */
export type LoginStep =
  | { kind: 'session'; session: string }
  | { kind: 'second-factor'; challenge: string }
  | { kind: 'enrol'; challenge: string };

/**
 * logIn checks a login and password. Every attempt is counted against the login before the password is hashed, and
 * a locked login is refused (LoginThrottled) without hashing; an unknown login is counted, locked and timed exactly
 * like a real one. A switched-off account with the right password is told so.
 */
export async function logIn(
  ctx: ActionContext,
  raw: unknown,
  ignore: string[] = [],
  browser: string | null = null,
): Promise<LoginStep> {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const login = input.text('login', { max: 40, required: true });
  const password = input.text('password', { max: 200, required: true });
  input.done();
  const account = await accounts.findAccountByLogin(ctx.store.db, login!.toLowerCase());
  if (!(await checkPassword(ctx, login!, account, password!))) {
    throw new VecheError('invalid-input', 'Wrong login or password.', [{ field: 'password', problem: 'wrong-login' }]);
  }
  const found = account!;
  const id = Number(found.id);
  if (found.disabledAt !== null) {
    throw new VecheError('invalid-input', 'This account is switched off.', [
      { field: 'login', problem: 'account-disabled' },
    ]);
  }
  if (found.totpEnabledAt !== null)
    return { kind: 'second-factor', challenge: await newChallenge(ctx, id, 'second-factor') };
  await forgetLoginAttempts(ctx, login!);
  if ((await accounts.getSetting(ctx.store.db, sessions.REQUIRE_SECOND_FACTOR)) === '1') {
    return { kind: 'enrol', challenge: await newChallenge(ctx, id, 'enrol') };
  }
  return { kind: 'session', session: await startSession(ctx, id, browser) };
}

async function newChallenge(
  ctx: ActionContext,
  accountId: number,
  purpose: 'second-factor' | 'enrol',
): Promise<string> {
  const token = newToken();
  await sessions.insertChallenge(
    ctx.store.db,
    { tokenHash: hashToken(token), accountId, purpose, expiresAt: ctx.now() + CHALLENGE_MS },
    ctx.now(),
  );
  return token;
}
