import type { ActionContext, Actor } from '../actions/context.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as sessions from '../store/sessions.ts';

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
