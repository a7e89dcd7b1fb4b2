import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, type KeyObject } from 'node:crypto';
import { macOf, sameSecret } from '../crypto/tokens.ts';
import { VecheError } from '../domain/errors.ts';

/**
 * securityHeaders are sent with every response. They are one constant object because a plugin that rebuilds them
 * per response costs about half the server's ceiling here (shared/reference/performance-facts.md).
 * The policy allows nothing from another origin: no script, style, font, image or connection.
 */
export function securityHeaders(https: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      // Petitions' videos, served by /a/{attachment}/video.mp4 from this origin only.
      "media-src 'self'",
      "connect-src 'self'",
      "font-src 'self'",
      "worker-src 'self' blob:",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "manifest-src 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
  if (https) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** CookieNames are our cookies; on HTTPS they take the `__Host-` prefix so no subdomain can set them. */
export function cookieNames(https: boolean) {
  const prefix = https ? '__Host-' : '';
  return { session: `${prefix}veche_session`, csrf: `${prefix}veche_csrf`, language: 'veche_lang' };
}

/**
 * csrfToken returns the form token of a request: tied to the session, or else to an anonymous random cookie. A visitor
 * without a session whose browser sends fetch metadata (`Sec-Fetch-Site`, every current browser) gets no token and no
 * cookie: its form will come back with `Sec-Fetch-Site: same-origin`, which checkCsrf trusts, and a page without a
 * cookie is the same for everyone, so a cache in front can keep it.
 */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, key: KeyObject, https: boolean): string {
  const names = cookieNames(https);
  const session = request.cookies[names.session];
  if (session) return macOf(key, `session:${session}`);
  let anonymous = request.cookies[names.csrf];
  if (anonymous === undefined && request.headers['sec-fetch-site'] !== undefined) return '';
  if (!anonymous || anonymous.length > 64) {
    anonymous = randomBytes(16).toString('base64url');
    request.cookies[names.csrf] = anonymous;
    reply.setCookie(names.csrf, anonymous, { path: '/', httpOnly: true, sameSite: 'lax', secure: https });
  }
  return macOf(key, `anonymous:${anonymous}`);
}

/**
 * checkCsrf refuses a form POST that did not come from our own page. A cross-site or same-site `Sec-Fetch-Site` is
 * always refused. Without a session, a form the browser says came from this origin (`Sec-Fetch-Site: same-origin`,
 * or, from a browser that sends no fetch metadata, an `Origin` equal to the site's) needs no token. Otherwise (a
 * signed-in person, whose pages are never cached, or an old browser that sends neither header) the token must match
 * the session or the anonymous cookie. A route whose address holds its own secret (`capabilityUrl`: the unsubscribe
 * link a mail service may press from its own server) needs no token, but is still refused from a browser on another
 * site.
 */
export function checkCsrf(
  request: FastifyRequest,
  key: KeyObject,
  https: boolean,
  origin: string,
  capabilityUrl = false,
): void {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site')
    throw new VecheError('csrf', 'Cross-site form submission refused.');
  if (capabilityUrl) return;
  const body = request.body as Record<string, unknown> | undefined;
  const sent = typeof body?._csrf === 'string' ? body._csrf : '';
  const names = cookieNames(https);
  const session = request.cookies[names.session];
  if (!session && (site === 'same-origin' || (site === undefined && request.headers.origin === origin))) return;
  const anonymous = request.cookies[names.csrf];
  const ok =
    (session && sameSecret(sent, macOf(key, `session:${session}`))) ||
    (anonymous && sameSecret(sent, macOf(key, `anonymous:${anonymous}`)));
  if (!ok) throw new VecheError('csrf', 'The form token is missing or does not match.');
}
