import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { macOf, sameSecret } from '../crypto/tokens.ts';
import { checkVoterTokenRate } from './rate-limits.ts';
import type { WebApp } from './web-app.ts';

/**
 * A participant has no account: a browser is known to an event only by its voter token, a random value in an
 * httpOnly cookie. Actions get the token (and keep only a keyed hash of it per event), never the address. Getting a
 * new token is what voting twice takes, so making one is rate limited by address (see rate-limits.ts).
 */

/** voterCookieMaxAge is how long a browser keeps its voter token: thirty days, in seconds. */
export const voterCookieMaxAge = 30 * 86_400;

const tokenPattern = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{22})$/;

/**
 * newVoterToken makes a token: 24 random bytes and a MAC of them under the site's cookie key. The MAC is what makes
 * the minting limit mean anything: a token the server did not make is not a voter, so one cannot vote twice by
 * inventing cookie values, only by asking the server for a new token, which is counted.
 */
export function newVoterToken(app: Pick<WebApp, 'secrets'>): string {
  const random = randomBytes(24).toString('base64url');
  return `${random}.${macOf(app.secrets.cookieKey, `voter:${random}`).slice(0, 22)}`;
}

/** isVoterToken tells whether a value is a token this site made. */
export function isVoterToken(app: Pick<WebApp, 'secrets'>, value: string): boolean {
  const match = tokenPattern.exec(value);
  return match !== null && sameSecret(match[2], macOf(app.secrets.cookieKey, `voter:${match[1]}`).slice(0, 22));
}

/** voterCookieName is the cookie's name; on HTTPS it takes the `__Host-` prefix, as cookieNames does. */
export function voterCookieName(https: boolean): string {
  return `${https ? '__Host-' : ''}veche_voter`;
}

/** readVoterToken returns the browser's voter token, or undefined if it has none (or one we could not have made). */
export function readVoterToken(app: WebApp, request: FastifyRequest): string | undefined {
  const value = request.cookies[voterCookieName(app.https)];
  return value !== undefined && isVoterToken(app, value) ? value : undefined;
}

/**
 * ensureVoterToken returns the browser's voter token, making one when it has none: counted against the address's
 * limit (higher when the request carried a verified proof of work) and sent back as the cookie. It throws
 * `rate-limited` when the address was given too many.
 */
export function ensureVoterToken(
  app: WebApp,
  request: FastifyRequest,
  reply: FastifyReply,
  withProofOfWork: boolean,
): string {
  const existing = readVoterToken(app, request);
  if (existing) return existing;
  checkVoterTokenRate(app, request, withProofOfWork);
  const token = newVoterToken(app);
  const name = voterCookieName(app.https);
  reply.setCookie(name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.https,
    maxAge: voterCookieMaxAge,
  });
  request.cookies[name] = token;
  return token;
}
