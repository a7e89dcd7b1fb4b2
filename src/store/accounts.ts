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
export async function insertAccount(db: Kysely<Database>, row: { login: string; display_name: string; role: Role; password_hash: string; created_at: number }): Promise<number> {
  const inserted = await db.insertInto('accounts').values({ ...row, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** listAccounts returns every account, for the admin. */
export function listAccounts(db: Kysely<Database>): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('id').execute();
}

/** countAdmins says whether anyone has set the site up yet. */
export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** setPassword replaces an account's password hash. */
export async function setPassword(db: Kysely<Database>, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** insertSession stores a session by the hash of its cookie token. */
export async function insertSession(db: Kysely<Database>, row: { token_hash: string; account_id: number; created_at: number; expires_at: number }): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** findSessionAccount returns the account of a live session. */
export function findSessionAccount(db: Kysely<Database>, tokenHash: string, now: number) {
  return db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['accounts.id', 'accounts.login', 'accounts.display_name', 'accounts.role', 'accounts.disabled_at'])
    .where('sessions.token_hash', '=', tokenHash).where('sessions.expires_at', '>', now).executeTakeFirst();
}

/** deleteSession ends one session; with `exceptHash` and an account it ends all of that account's others. */
export async function deleteSessions(db: Kysely<Database>, where: { tokenHash?: string; accountId?: number; exceptHash?: string }): Promise<void> {
  let query = db.deleteFrom('sessions');
  if (where.tokenHash) query = query.where('token_hash', '=', where.tokenHash);
  if (where.accountId !== undefined) query = query.where('account_id', '=', where.accountId);
  if (where.exceptHash) query = query.where('token_hash', '!=', where.exceptHash);
  await query.execute();
}

/** insertInvitation stores an invitation by the hash of its link's token. */
export async function insertInvitation(db: Kysely<Database>, row: { token_hash: string; role: Role; created_by: number | null; created_at: number; expires_at: number }): Promise<void> {
  await db.insertInto('invitations').values({ ...row, used_at: null }).execute();
}

/** findInvitation returns an invitation by its token hash. */
export function findInvitation(db: Kysely<Database>, tokenHash: string) {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** useInvitation marks an invitation used, returning false if someone used it first. */
export async function useInvitation(db: Kysely<Database>, id: number, now: number): Promise<boolean> {
  const result = await db.updateTable('invitations').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
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
  await db.insertInto('settings').values({ name, value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute();
}

/** takeSetting deletes a setting only if it still has `value`, returning whether this call took it. */
export async function takeSetting(db: Kysely<Database>, name: string, value: string): Promise<boolean> {
  const result = await db.deleteFrom('settings').where('name', '=', name).where('value', '=', value).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
