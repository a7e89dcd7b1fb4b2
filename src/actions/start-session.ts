import type { ActionContext } from './context.ts';
import { hashToken, newToken, randomId } from '../crypto/tokens.ts';
import * as sessions from '../store/sessions.ts';

/** SESSION_MS is how long a session lasts without logging in again. */
export const SESSION_MS = 14 * 24 * 3600_000;

/**
 * startSession starts a session for an account and returns its cookie token. Its start and last use are kept to the
 * hour and its end rounded up to the hour, so that a seized database cannot match a login to network records by the
 * minute; `browser` is a coarse name (`Firefox|Android`) or null.
 */
export async function startSession(
  ctx: ActionContext,
  accountId: number,
  browser: string | null = null,
): Promise<string> {
  const token = newToken();
  const now = ctx.now();
  const hour = sessions.hourOf(now);
  const end = sessions.hourOf(now + SESSION_MS + 3_600_000 - 1);
  await sessions.insertSession(ctx.store.db, {
    tokenHash: hashToken(token),
    publicId: randomId(16),
    accountId,
    createdAt: hour,
    lastUsedAt: hour,
    expiresAt: end,
    browser,
  });
  return token;
}
