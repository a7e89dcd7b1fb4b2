import type { Kysely } from 'kysely';
import type { AccountRow, Database, Role } from './schema.ts';

/** findAccountByLogin returns an account by its login name. */
export function findAccountByLogin(db: Kysely<Database>, login: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst();
}

/** findAccount returns an account by id. */
export function findAccount(db: Kysely<Database>, id: number): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** insertAccount creates an account and returns its id. */
export async function insertAccount(
  db: Kysely<Database>,
  row: { login: string; display_name: string; role: Role; password_hash: string; created_at: number },
): Promise<number> {
  const inserted = await db
    .insertInto('accounts')
    .values({ ...row, disabled_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Person is an account as the admin's list shows it: no password hash, no secret. */
export interface Person {
  id: number;
  login: string;
  display_name: string;
  role: Role;
  disabled_at: number | null;
  totp_enabled_at: number | null;
}

/** listPeople returns every account, for the admin, without hashes or secrets. */
export async function listPeople(db: Kysely<Database>): Promise<Person[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'login', 'display_name', 'role', 'disabled_at', 'totp_enabled_at'])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** findPerson returns one account as the admin's list shows it. */
export async function findPerson(db: Kysely<Database>, id: number): Promise<Person | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select(['id', 'login', 'display_name', 'role', 'disabled_at', 'totp_enabled_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, id: Number(row.id) };
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
 * countOtherEnabledAdmins counts the enabled admins other than `id`. With `lock` (PostgreSQL, in a transaction) it
 * locks their rows first, so that two admins switching each other off at once cannot both succeed and leave none.
 */
export async function countOtherEnabledAdmins(db: Kysely<Database>, id: number, lock: boolean): Promise<number> {
  let query = db.selectFrom('accounts').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null);
  if (lock) query = query.forUpdate();
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
  row: { token_hash: string; role: Role; created_by: number | null; created_at: number; expires_at: number },
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({ ...row, used_at: null })
    .execute();
}

/** PendingInvitation is an unused, unexpired invitation as the admin's list shows it. */
export interface PendingInvitation {
  id: number;
  role: Role;
  created_by_name: string | null;
  created_at: number;
  expires_at: number;
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
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
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
export function findInvitation(db: Kysely<Database>, tokenHash: string) {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
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
