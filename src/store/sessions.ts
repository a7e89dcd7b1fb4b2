import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { ChallengePurpose, ListedSession, LoginChallenge, Session, SessionHolder } from '../domain/session.ts';
import {
  challengeColumns,
  sessionColumns,
  toListedSession,
  toLoginChallenge,
  toSessionHolder,
} from './rows/session-row.ts';

/** REQUIRE_SECOND_FACTOR is the setting that, when '1', lets no account without a second factor hold a session. */
export const REQUIRE_SECOND_FACTOR = 'require_second_factor';

/** insertSession stores a session by the hash of its cookie token. */
export async function insertSession(db: Kysely<Database>, session: Session): Promise<void> {
  await db.insertInto('sessions').values(sessionColumns(session)).execute();
}

/**
 * findSessionAccount returns the account of a live session, with what the session check needs: when the session was
 * last used, whether the account has a second factor, and whether the admin requires one (read in the same query).
 */
export async function findSessionAccount(
  db: Kysely<Database>,
  tokenHash: string,
  now: number,
): Promise<SessionHolder | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'accounts.id',
      'accounts.login',
      'accounts.display_name',
      'accounts.role',
      'accounts.disabled_at',
      'accounts.totp_enabled_at',
      'sessions.public_id',
      'sessions.last_used_at',
    ])
    .select((eb) => eb.selectFrom('settings').select('value').where('name', '=', REQUIRE_SECOND_FACTOR).as('required'))
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row && toSessionHolder(row);
}

/** touchSession records the hour a session was last used; it writes only when the hour has changed. */
export async function touchSession(db: Kysely<Database>, tokenHash: string, hour: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_used_at: hour })
    .where('token_hash', '=', tokenHash)
    .where('last_used_at', '<', hour)
    .execute();
}

/** listSessions returns an account's live sessions, the most recently used first. */
export async function listSessions(db: Kysely<Database>, accountId: number, now: number): Promise<ListedSession[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['token_hash', 'public_id', 'created_at', 'last_used_at', 'browser'])
    .where('account_id', '=', accountId)
    .where('expires_at', '>', now)
    .orderBy('last_used_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toListedSession);
}

/** countSessions counts an account's live sessions. */
export async function countSessions(db: Kysely<Database>, accountId: number, now: number): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * deleteSessions ends sessions: one by its token hash, or by public id within an account, or all of an account's,
 * or all but one (`exceptHash`). It returns how many ended.
 */
export async function deleteSessions(
  db: Kysely<Database>,
  where: { tokenHash?: string; publicId?: string; accountId?: number; exceptHash?: string },
): Promise<number> {
  if (where.tokenHash === undefined && where.accountId === undefined)
    throw new Error('deleteSessions needs a token hash or an account');
  let query = db.deleteFrom('sessions');
  if (where.tokenHash !== undefined) query = query.where('token_hash', '=', where.tokenHash);
  if (where.publicId !== undefined) query = query.where('public_id', '=', where.publicId);
  if (where.accountId !== undefined) query = query.where('account_id', '=', where.accountId);
  if (where.exceptHash !== undefined) query = query.where('token_hash', '!=', where.exceptHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** deleteSessionsWithoutSecondFactor ends every session of an account that has no second factor. */
export async function deleteSessionsWithoutSecondFactor(db: Kysely<Database>): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('account_id', 'in', (eb) => eb.selectFrom('accounts').select('id').where('totp_enabled_at', 'is', null))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** insertChallenge stores a sign-in step by the hash of its cookie token, dropping expired ones on the way. */
export async function insertChallenge(db: Kysely<Database>, challenge: LoginChallenge, now: number): Promise<void> {
  await db.deleteFrom('login_challenges').where('expires_at', '<', now).execute();
  await db.insertInto('login_challenges').values(challengeColumns(challenge)).execute();
}

/** findChallenge returns a live sign-in step of the given purpose. */
export async function findChallenge(
  db: Kysely<Database>,
  tokenHash: string,
  purpose: ChallengePurpose,
  now: number,
): Promise<LoginChallenge | undefined> {
  const row = await db
    .selectFrom('login_challenges')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && toLoginChallenge(row);
}

/** takeChallenge deletes a sign-in step, returning whether this call took it (so it starts one session, not two). */
export async function takeChallenge(db: Kysely<Database>, tokenHash: string): Promise<boolean> {
  const result = await db.deleteFrom('login_challenges').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** deleteChallenges drops every sign-in step of an account (when it is switched off, or its factors change). */
export async function deleteChallenges(db: Kysely<Database>, accountId: number): Promise<void> {
  await db.deleteFrom('login_challenges').where('account_id', '=', accountId).execute();
}

/** hourOf rounds a time down to its hour: sessions keep no time finer than that. */
export function hourOf(time: number): number {
  return time - (time % 3_600_000);
}
