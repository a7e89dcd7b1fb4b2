import type { ActionContext } from './context.ts';
import type { SignedIn } from '../domain/session.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as sessions from '../store/sessions.ts';

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
