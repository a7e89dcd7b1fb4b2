import type { ActionContext, Actor } from './context.ts';
import type { SignedIn } from '../domain/session.ts';
import { VecheError } from '../domain/errors.ts';
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

/**
 * sessionAccount returns who a session cookie belongs to, or null: for an unknown or expired session, a switched-off
 * account, or an account without a second factor while the admin requires one (it must log in and set one up).
 */
export async function sessionAccount(ctx: ActionContext, sessionToken: string | undefined): Promise<SignedIn | null> {
  if (!sessionToken || sessionToken.length > 100) return null;
  const tokenHash = hashToken(sessionToken);
  const holder = await sessions.findSessionAccount(ctx.store.db, tokenHash, ctx.now());
  if (!holder || holder.disabled) return null;
  if (holder.secondFactorRequired && !holder.hasSecondFactor) return null;
  const hour = sessions.hourOf(ctx.now());
  if (holder.lastUsedAt < hour) await sessions.touchSession(ctx.store.db, tokenHash, hour);
  return { id: holder.id, login: holder.login, displayName: holder.displayName, role: holder.role };
}

/** OwnSession is one of a person's sessions as their list shows it. */
export interface OwnSession {
  id: string;
  startedAt: number;
  lastUsedAt: number;
  browser: string | null;
  current: boolean;
}

/** listOwnSessions returns the signed-in person's live sessions, marking the one this request came with. */
export async function listOwnSessions(ctx: ActionContext, actor: Actor, sessionToken: string): Promise<OwnSession[]> {
  const current = hashToken(sessionToken);
  const rows = await sessions.listSessions(ctx.store.db, actor.id, ctx.now());
  return rows.map((row) => ({
    id: row.publicId,
    startedAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    browser: row.browser,
    current: row.tokenHash === current,
  }));
}

/** endOwnSession logs out one of the person's own sessions, returning whether it was the one in use. */
export async function endOwnSession(
  ctx: ActionContext,
  actor: Actor,
  sessionToken: string,
  publicId: string,
): Promise<{ current: boolean }> {
  if (publicId.length > 40) throw new VecheError('not-found', 'No such session.');
  const current = await sessions.deleteSessions(ctx.store.db, {
    tokenHash: hashToken(sessionToken),
    publicId,
    accountId: actor.id,
  });
  if (current === 1) return { current: true };
  const other = await sessions.deleteSessions(ctx.store.db, { accountId: actor.id, publicId });
  if (other === 0) throw new VecheError('not-found', 'No such session (it may have ended already).');
  return { current: false };
}

/** endOtherSessions logs out every session of the person but the one in use, returning how many ended. */
export function endOtherSessions(ctx: ActionContext, actor: Actor, sessionToken: string): Promise<number> {
  return sessions.deleteSessions(ctx.store.db, { accountId: actor.id, exceptHash: hashToken(sessionToken) });
}

/** endEverySession logs out every session of the person, the one in use too. */
export function endEverySession(ctx: ActionContext, actor: Actor): Promise<number> {
  return sessions.deleteSessions(ctx.store.db, { accountId: actor.id });
}
