import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as accounts from '../store/accounts.ts';
import * as sessions from '../store/sessions.ts';

/** challengeAccount returns the live account a sign-in step belongs to, or throws `token-expired` (log in again). */
export async function challengeAccount(
  ctx: ActionContext,
  challenge: string | undefined,
  purpose: 'second-factor' | 'enrol',
) {
  const found =
    challenge && challenge.length <= 100
      ? await sessions.findChallenge(ctx.store.db, hashToken(challenge), purpose, ctx.now())
      : undefined;
  const account = found ? await accounts.findAccount(ctx.store.db, found.accountId) : undefined;
  if (!account || account.disabledAt !== null)
    throw new VecheError('token-expired', 'This sign-in has expired; log in again.');
  return { id: Number(account.id), login: account.login, displayName: account.displayName, role: account.role };
}
