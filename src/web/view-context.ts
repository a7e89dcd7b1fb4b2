import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language, Translate } from '../i18n/i18n.ts';
import { translator } from '../i18n/i18n.ts';
import { csrfToken } from './security.ts';
import type { WebApp } from './web-app.ts';

/** ViewContext is what every page needs to render: language, translations, who is signed in, the form token. */
export interface ViewContext {
  lang: Language;
  t: Translate;
  path: string;
  query: string;
  csrf: string;
  account: { id: number; login: string; display_name: string; role: string } | null;
  publicUrl: string;
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
    path: q === -1 ? url : url.slice(0, q),
    query: q === -1 ? '' : url.slice(q),
    csrf: csrfToken(request, reply, app.secrets.cookieKey, app.https),
    account: request.account ?? null,
    publicUrl: app.config.publicUrl,
    proofOfWork: app.config.proofOfWorkMax > 0,
    unsafeMailDomains: app.config.unsafeMailDomains,
  };
}
