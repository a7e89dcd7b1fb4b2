import type { Selectable } from 'kysely';
import type { ListedSession, LoginChallenge, Session, SessionHolder } from '../../domain/session.ts';
import type { LoginChallengesTable, Role, SessionsTable } from '../schema.ts';

/** sessionColumns turns a Session into its sessions row. */
export function sessionColumns(session: Session): SessionsTable {
  return {
    token_hash: session.tokenHash,
    public_id: session.publicId,
    account_id: session.accountId,
    created_at: session.createdAt,
    last_used_at: session.lastUsedAt,
    expires_at: session.expiresAt,
    browser: session.browser,
  };
}

/** toListedSession reads a sessions row as its owner's list shows it. */
export function toListedSession(
  row: Pick<Selectable<SessionsTable>, 'token_hash' | 'public_id' | 'created_at' | 'last_used_at' | 'browser'>,
): ListedSession {
  return {
    tokenHash: row.token_hash,
    publicId: row.public_id,
    createdAt: Number(row.created_at),
    lastUsedAt: Number(row.last_used_at),
    browser: row.browser,
  };
}

/** SessionHolderRow is what the session check reads: the account, the session's last use and the admin's setting. */
export interface SessionHolderRow {
  id: number | string;
  login: string;
  display_name: string;
  role: Role;
  disabled_at: number | string | null;
  totp_enabled_at: number | string | null;
  last_used_at: number | string;
  required: string | null;
}

/** toSessionHolder reads a session joined to its account as a SessionHolder. */
export function toSessionHolder(row: SessionHolderRow): SessionHolder {
  return {
    id: Number(row.id),
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled_at !== null,
    hasSecondFactor: row.totp_enabled_at !== null,
    secondFactorRequired: row.required === '1',
    lastUsedAt: Number(row.last_used_at),
  };
}

/** challengeColumns turns a LoginChallenge into its login_challenges row. */
export function challengeColumns(challenge: LoginChallenge): LoginChallengesTable {
  return {
    token_hash: challenge.tokenHash,
    account_id: challenge.accountId,
    purpose: challenge.purpose,
    expires_at: challenge.expiresAt,
  };
}

/** toLoginChallenge reads a login_challenges row as a LoginChallenge. */
export function toLoginChallenge(row: LoginChallengesTable): LoginChallenge {
  return {
    tokenHash: row.token_hash,
    accountId: Number(row.account_id),
    purpose: row.purpose,
    expiresAt: Number(row.expires_at),
  };
}
