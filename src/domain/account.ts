/** Role is what an account may do: run the site, organise petitions and events, or moderate events it is given. */
export type Role = 'admin' | 'organiser' | 'moderator';

/** Account is a signed-in person's account; the second factor's secrets stay sealed. */
export interface Account {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  createdAt: number;
  disabledAt: number | null;
  /** totpSecretEnc is the second factor's secret, sealed with the encryption key; null while two-step sign-in is off. */
  totpSecretEnc: string | null;
  /** totpPendingEnc is a secret being set up, sealed with the session or sign-in step that asked for it. */
  totpPendingEnc: string | null;
  /** totpLastStep is the 30-second step of the last code accepted, so that no code works twice. */
  totpLastStep: number | null;
  totpEnabledAt: number | null;
}

/** Person is an account as the admin's list shows it: no password hash, no secret. */
export interface Person {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  disabledAt: number | null;
  totpEnabledAt: number | null;
}

/** Invitation is a one-time link to make an account with a role, kept by the hash of its token. */
export interface Invitation {
  id: number;
  tokenHash: string;
  role: Role;
  createdBy: number | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** PendingInvitation is an unused, unexpired invitation as the admin's list shows it. */
export interface PendingInvitation {
  id: number;
  role: Role;
  createdByName: string | null;
  createdAt: number;
  expiresAt: number;
}
