import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** REQUIRE_SECOND_FACTOR is the setting that, when '1', lets no account without a second factor hold a session. */
export const REQUIRE_SECOND_FACTOR = 'require_second_factor';

/** NewSession is a session row as it is stored. */
export interface NewSession {
  token_hash: string;
  public_id: string;
  account_id: number;
  created_at: number;
  last_used_at: number;
  expires_at: number;
  browser: string | null;
}

/** insertSession stores a session by the hash of its cookie token. */
export async function insertSession(db: Kysely<Database>, row: NewSession): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/**
 * findSessionAccount returns the account of a live session, with what the session check needs: when the session was
 * last used, whether the account has a second factor, and whether the admin requires one (read in the same query).
 */
export function findSessionAccount(db: Kysely<Database>, tokenHash: string, now: number) {
  return db
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

/** SessionRow is one live session as its owner's list shows it. */
export interface SessionRow {
  token_hash: string;
  public_id: string;
  created_at: number;
  last_used_at: number;
  browser: string | null;
}

/** listSessions returns an account's live sessions, the most recently used first. */
export function listSessions(db: Kysely<Database>, accountId: number, now: number): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .select(['token_hash', 'public_id', 'created_at', 'last_used_at', 'browser'])
    .where('account_id', '=', accountId)
    .where('expires_at', '>', now)
    .orderBy('last_used_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
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
export async function insertChallenge(
  db: Kysely<Database>,
  row: Database['login_challenges'],
  now: number,
): Promise<void> {
  await db.deleteFrom('login_challenges').where('expires_at', '<', now).execute();
  await db.insertInto('login_challenges').values(row).execute();
}

/** findChallenge returns a live sign-in step of the given purpose. */
export function findChallenge(
  db: Kysely<Database>,
  tokenHash: string,
  purpose: 'second-factor' | 'enrol',
  now: number,
) {
  return db
    .selectFrom('login_challenges')
    .select(['account_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .executeTakeFirst();
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
