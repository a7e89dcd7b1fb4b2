import type { Role } from './account.ts';

/**
 * Session is one signed-in browser, kept by the hash of its cookie token. Its start and last use are whole hours, so
 * that a seized database cannot match a login to network records by the minute.
 */
export interface Session {
  tokenHash: string;
  /** publicId names a session in forms ("log out this one") without the hash of its cookie. */
  publicId: string;
  accountId: number;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  /** browser is a coarse name such as `Firefox|Android`, never the whole user agent, never an address. */
  browser: string | null;
}

/** ListedSession is a live session as its owner's list shows it. */
export type ListedSession = Pick<Session, 'tokenHash' | 'publicId' | 'createdAt' | 'lastUsedAt' | 'browser'>;

/** SignedIn is who a session belongs to, as pages show them. */
export interface SignedIn {
  id: number;
  login: string;
  displayName: string;
  role: Role;
}

/**
 * SessionHolder is the account of a live session with what the session check needs: whether the account is switched
 * off, whether it has a second factor and whether the admin requires one, and when the session was last used.
 */
export interface SessionHolder extends SignedIn {
  disabled: boolean;
  hasSecondFactor: boolean;
  secondFactorRequired: boolean;
  lastUsedAt: number;
}

/** ChallengePurpose is what a sign-in step opens: the page for a code, or the page to set a second factor up. */
export type ChallengePurpose = 'second-factor' | 'enrol';

/** LoginChallenge is the step between a right password and a session, kept by the hash of its cookie token. */
export interface LoginChallenge {
  tokenHash: string;
  accountId: number;
  purpose: ChallengePurpose;
  expiresAt: number;
}
