import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { NewPasswordReset, PasswordReset } from '../domain/password-reset.ts';
import { passwordResetColumns, toPasswordReset } from './rows/password-reset-row.ts';

/** insertPasswordReset stores a reset link by its token's hash, cancelling the account's earlier unused links. */
export async function insertPasswordReset(db: Kysely<Database>, reset: NewPasswordReset): Promise<void> {
  await db
    .deleteFrom('password_resets')
    .where('account_id', '=', reset.accountId)
    .where('used_at', 'is', null)
    .execute();
  await db.insertInto('password_resets').values(passwordResetColumns(reset)).execute();
}

/** findPasswordReset returns a reset link with its account's login and whether the account is switched off. */
export async function findPasswordReset(db: Kysely<Database>, tokenHash: string): Promise<PasswordReset | undefined> {
  const row = await db
    .selectFrom('password_resets')
    .innerJoin('accounts', 'accounts.id', 'password_resets.account_id')
    .select([
      'password_resets.id',
      'password_resets.account_id',
      'password_resets.expires_at',
      'password_resets.used_at',
      'accounts.login',
      'accounts.disabled_at',
    ])
    .where('password_resets.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && toPasswordReset(row);
}

/**
 * usePasswordReset marks a link used (to the hour: when a person chose their password is theirs), returning false when
 * someone used it first or it has expired meanwhile.
 */
export async function usePasswordReset(db: Kysely<Database>, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: now - (now % 3_600_000) })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** deletePasswordResets cancels an account's unused reset links (it was switched off). */
export async function deletePasswordResets(db: Kysely<Database>, accountId: number): Promise<void> {
  await db.deleteFrom('password_resets').where('account_id', '=', accountId).where('used_at', 'is', null).execute();
}
