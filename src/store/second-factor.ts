import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** SecondFactorState is what an account holds of its second factor, all secrets still sealed. */
export interface SecondFactorState {
  secretSealed: string | null;
  pendingSealed: string | null;
  lastStep: number | null;
  enabledAt: number | null;
}

/** findSecondFactor returns an account's second-factor columns, or undefined when there is no such account. */
export async function findSecondFactor(
  db: Kysely<Database>,
  accountId: number,
): Promise<SecondFactorState | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select(['totp_secret_enc', 'totp_pending_enc', 'totp_last_step', 'totp_enabled_at'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  return (
    row && {
      secretSealed: row.totp_secret_enc,
      pendingSealed: row.totp_pending_enc,
      lastStep: row.totp_last_step,
      enabledAt: row.totp_enabled_at,
    }
  );
}

/** setPendingSecret keeps a sealed secret being enrolled, replacing any earlier one. */
export async function setPendingSecret(db: Kysely<Database>, accountId: number, sealed: string): Promise<void> {
  await db.updateTable('accounts').set({ totp_pending_enc: sealed }).where('id', '=', accountId).execute();
}

/**
 * enableSecondFactor makes `secretSealed` the account's second factor, with the step of the code that proved it; it
 * changes nothing (and returns false) if the secret being set up is no longer `pendingSealed`.
 */
export async function enableSecondFactor(
  db: Kysely<Database>,
  accountId: number,
  pendingSealed: string,
  secretSealed: string,
  step: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ totp_secret_enc: secretSealed, totp_pending_enc: null, totp_last_step: step, totp_enabled_at: now })
    .where('id', '=', accountId)
    .where('totp_pending_enc', '=', pendingSealed)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** clearSecondFactor turns the second factor off: secret, pending secret, last step and recovery codes all go. */
export async function clearSecondFactor(db: Kysely<Database>, accountId: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ totp_secret_enc: null, totp_pending_enc: null, totp_last_step: null, totp_enabled_at: null })
    .where('id', '=', accountId)
    .execute();
  await db.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
}

/**
 * useTotpStep records that a code of `step` was accepted, returning false if a code of this step or a later one was
 * accepted before: one condition in one statement, so two requests with the same code cannot both pass.
 */
export async function useTotpStep(db: Kysely<Database>, accountId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where('totp_secret_enc', 'is not', null)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** replaceRecoveryCodes deletes an account's recovery codes and stores the hashes of a new set. */
export async function replaceRecoveryCodes(db: Kysely<Database>, accountId: number, hashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ account_id: accountId, code_hash, used_at: null })))
    .execute();
}

/** useRecoveryCode marks a recovery code used, returning false when it is unknown or was used before. */
export async function useRecoveryCode(
  db: Kysely<Database>,
  accountId: number,
  hash: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** countRecoveryCodes counts the recovery codes an account has left. */
export async function countRecoveryCodes(db: Kysely<Database>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
