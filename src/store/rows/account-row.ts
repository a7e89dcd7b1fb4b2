import type { Account } from '../../domain/account.ts';
import type { AccountRow } from '../schema.ts';
import { numberOrNull } from './columns.ts';

/** toAccount reads an accounts row as an Account. */
export function toAccount(row: AccountRow): Account {
  return {
    id: Number(row.id),
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    createdAt: Number(row.created_at),
    disabledAt: numberOrNull(row.disabled_at),
    totpSecretEnc: row.totp_secret_enc,
    totpPendingEnc: row.totp_pending_enc,
    totpLastStep: numberOrNull(row.totp_last_step),
    totpEnabledAt: numberOrNull(row.totp_enabled_at),
  };
}
