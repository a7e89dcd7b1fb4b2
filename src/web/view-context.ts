import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language, Translate } from '../i18n/i18n.ts';
import { translator } from '../i18n/i18n.ts';
import { csrfToken } from './security.ts';
import type { WebApp } from './web-app.ts';
import type { SignedIn } from '../domain/session.ts';

/** ViewContext is what every page needs to render: language, translations, who is signed in, the form token. */
export interface ViewContext {
  lang: Language;
  t: Translate;
  /** path is the request's path made safe to link to: always on this site (see `sameOriginPath`). */
  path: string;
  /** query is the request's query string (with its `?`) made safe in the same way, or ''. */
  query: string;
  csrf: string;
  account: SignedIn | null;
  publicUrl: string;
  /** verifierKey is the record's verifier key, that the pages tell an auditor to pin. */
  verifierKey: string;
  proofOfWork: boolean;
  /** unsafeMailDomains are the mail services the signing form warns of (VECHE_UNSAFE_MAIL_DOMAINS). */
  unsafeMailDomains?: readonly string[];
}

/** viewContext builds the ViewContext of a request (creating the anonymous form cookie when needed). */
export function viewContext(app: WebApp, request: FastifyRequest, reply: FastifyReply): ViewContext {
  const url = request.url;
  const q = url.indexOf('?');
  return {
    lang: request.lang,
    t: translator(request.lang),
    path: sameOriginPath(q === -1 ? url : url.slice(0, q)),
    query: q === -1 ? '' : `?${linkSafe(url.slice(q + 1))}`,
    csrf: csrfToken(request, reply, app.secrets.cookieKey, app.https),
    account: request.account ?? null,
    publicUrl: app.config.publicUrl,
    verifierKey: app.log.verifierKey,
    proofOfWork: app.config.proofOfWorkMax > 0,
    unsafeMailDomains: app.config.unsafeMailDomains,
  };
}

/**
 * sameOriginPath turns the path a client sent into one that a browser resolves on this site, whatever was sent:
 * `//evil.example/` and `/\evil.example/` are links to another host (a browser reads `\` as `/`, and drops tabs and
 * newlines first), so every `\` is escaped, any character outside a URL path's own is escaped, and leading slashes
 * become one. What remains starts with exactly one `/` and holds no scheme, host, quote or space.
 */
export function sameOriginPath(path: string): string {
  const safe = linkSafe(path).replace(/^\/+/, '/');
  return safe.startsWith('/') ? safe : `/${safe}`;
}

// RFC 3986 pchar plus '/', '?' and '%' (already escaped text stays as it is); everything else is percent-escaped.
const unsafe = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu;

function linkSafe(text: string): string {
  return text.toWellFormed().replace(unsafe, (c) => encodeURIComponent(c));
}
