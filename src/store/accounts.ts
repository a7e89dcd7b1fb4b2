import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Account, Invitation, PendingInvitation, Person, Role } from '../domain/account.ts';
import { toAccount } from './rows/account-row.ts';
import { isPostgres } from './dialect-of.ts';

export type { PendingInvitation, Person };

/** findAccountByLogin returns an account by its login name. */
export async function findAccountByLogin(db: Kysely<Database>, login: string): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst();
  return row && toAccount(row);
}

/** findAccount returns an account by id. */
export async function findAccount(db: Kysely<Database>, id: number): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

/** insertAccount creates an account and returns its id. */
export async function insertAccount(
  db: Kysely<Database>,
  account: Pick<Account, 'login' | 'displayName' | 'role' | 'passwordHash' | 'createdAt'>,
): Promise<number> {
  const inserted = await db
    .insertInto('accounts')
    .values({
      login: account.login,
      display_name: account.displayName,
      role: account.role,
      password_hash: account.passwordHash,
      created_at: account.createdAt,
      disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** listPeople returns every account, for the admin, without hashes or secrets. */
export async function listPeople(db: Kysely<Database>): Promise<Person[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'login', 'display_name', 'role', 'disabled_at', 'totp_enabled_at'])
    .orderBy('id')
    .execute();
  return rows.map(toPerson);
}

function toPerson(row: {
  id: number;
  login: string;
  display_name: string;
  role: Role;
  disabled_at: number | null;
  totp_enabled_at: number | null;
}): Person {
  return {
    id: Number(row.id),
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
    totpEnabledAt: row.totp_enabled_at === null ? null : Number(row.totp_enabled_at),
  };
}

/** findPerson returns one account as the admin's list shows it. */
export async function findPerson(db: Kysely<Database>, id: number): Promise<Person | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select(['id', 'login', 'display_name', 'role', 'disabled_at', 'totp_enabled_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toPerson(row);
}

/** countAdmins says whether anyone has set the site up yet. */
export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * countOtherEnabledAdmins counts the enabled admins other than `id`. On PostgreSQL (called in a transaction) it locks
 * their rows first, so that two admins switching each other off at once cannot both succeed and leave none; SQLite
 * runs one write transaction at a time.
 */
export async function countOtherEnabledAdmins(db: Kysely<Database>, id: number): Promise<number> {
  let query = db.selectFrom('accounts').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null);
  if (isPostgres(db)) query = query.forUpdate();
  const rows = await query.execute();
  return rows.filter((row) => Number(row.id) !== id).length;
}

/** setDisabled switches an account off (a time) or on (null), returning whether it changed. */
export async function setDisabled(db: Kysely<Database>, id: number, disabledAt: number | null): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ disabled_at: disabledAt })
    .where('id', '=', id)
    .where('disabled_at', disabledAt === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** setPassword replaces an account's password hash. */
export async function setPassword(db: Kysely<Database>, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** insertInvitation stores an invitation by the hash of its link's token. */
export async function insertInvitation(
  db: Kysely<Database>,
  invitation: Omit<Invitation, 'id' | 'usedAt'>,
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({
      token_hash: invitation.tokenHash,
      role: invitation.role,
      created_by: invitation.createdBy,
      created_at: invitation.createdAt,
      expires_at: invitation.expiresAt,
      used_at: null,
    })
    .execute();
}

/** listPendingInvitations returns the invitations not used yet and not expired, newest first. */
export async function listPendingInvitations(db: Kysely<Database>, now: number): Promise<PendingInvitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .leftJoin('accounts', 'accounts.id', 'invitations.created_by')
    .select([
      'invitations.id',
      'invitations.role',
      'accounts.display_name as created_by_name',
      'invitations.created_at',
      'invitations.expires_at',
    ])
    .where('invitations.used_at', 'is', null)
    .where('invitations.expires_at', '>=', now)
    .orderBy('invitations.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    role: row.role,
    createdByName: row.created_by_name,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  }));
}

/** deleteInvitation removes an invitation nobody has used yet, returning whether there was one. */
export async function deleteInvitation(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('invitations')
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** findInvitation returns an invitation by its token hash. */
export async function findInvitation(db: Kysely<Database>, tokenHash: string): Promise<Invitation | undefined> {
  const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return (
    row && {
      id: Number(row.id),
      tokenHash: row.token_hash,
      role: row.role,
      createdBy: row.created_by === null ? null : Number(row.created_by),
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
      usedAt: row.used_at === null ? null : Number(row.used_at),
    }
  );
}

/** useInvitation marks an invitation used, returning false if someone used it first. */
export async function useInvitation(db: Kysely<Database>, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** getSetting and putSetting keep small server state, such as the one-time setup token's hash. */
export async function getSetting(db: Kysely<Database>, name: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst())?.value;
}

/** putSetting stores or replaces a setting. */
export async function putSetting(db: Kysely<Database>, name: string, value: string | null): Promise<void> {
  if (value === null) {
    await db.deleteFrom('settings').where('name', '=', name).execute();
    return;
  }
  await db
    .insertInto('settings')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
    .execute();
}

/** takeSetting deletes a setting only if it still has `value`, returning whether this call took it. */
export async function takeSetting(db: Kysely<Database>, name: string, value: string): Promise<boolean> {
  const result = await db.deleteFrom('settings').where('name', '=', name).where('value', '=', value).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
