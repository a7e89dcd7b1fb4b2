/** NewPasswordReset is a one-time password link an admin makes, kept by the hash of its token. */
export interface NewPasswordReset {
  tokenHash: string;
  accountId: number;
  createdBy: number;
  createdAt: number;
  expiresAt: number;
}

/** PasswordReset is a stored reset link with what using it needs to know of its account. */
export interface PasswordReset {
  id: number;
  accountId: number;
  expiresAt: number;
  /** usedAt is the hour the link was used, or null. */
  usedAt: number | null;
  login: string;
  accountDisabled: boolean;
}
