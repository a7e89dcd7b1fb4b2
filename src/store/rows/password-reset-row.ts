import type { NewPasswordReset, PasswordReset } from '../../domain/password-reset.ts';
import type { PasswordResetsTable } from '../schema.ts';
import { numberOrNull } from './columns.ts';

/** passwordResetColumns turns a new reset link into its password_resets row, unused. */
export function passwordResetColumns(reset: NewPasswordReset): Omit<PasswordResetsTable, 'id'> {
  return {
    token_hash: reset.tokenHash,
    account_id: reset.accountId,
    created_by: reset.createdBy,
    created_at: reset.createdAt,
    expires_at: reset.expiresAt,
    used_at: null,
  };
}

/** PasswordResetRow is a password_resets row joined to its account's login and switch. */
export interface PasswordResetRow {
  id: number | string;
  account_id: number | string;
  expires_at: number | string;
  used_at: number | string | null;
  login: string;
  disabled_at: number | string | null;
}

/** toPasswordReset reads a reset link joined to its account as a PasswordReset. */
export function toPasswordReset(row: PasswordResetRow): PasswordReset {
  return {
    id: Number(row.id),
    accountId: Number(row.account_id),
    expiresAt: Number(row.expires_at),
    usedAt: numberOrNull(row.used_at),
    login: row.login,
    accountDisabled: row.disabled_at !== null,
  };
}
