import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { VecheError } from '../../domain/errors.ts';
import { cookieNames } from '../security.ts';
import { checkAddressRate } from '../rate-limits.ts';
import { browserFamily } from '../browser-family.ts';
import { SESSION_MS } from '../../actions/start-session.ts';
import { sessionAccount } from '../../actions/session-account.ts';
import { CHALLENGE_MS } from '../../actions/log-in.ts';
import { LoginThrottled } from '../../actions/login-throttled.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { ViewContext } from '../view-context.ts';
import { dateTime } from '../views/account-form.ts';
import { formErrors } from '../form-errors.ts';

/** sendPage answers with an HTML page that no cache may keep. */
export function sendPage(reply: FastifyReply, page: { text: string }, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.text);
}

/** signInCookie is the cookie of the step between a right password and a session (see actions/log-in.ts). */
export function signInCookie(https: boolean): string {
  return `${https ? '__Host-' : ''}veche_signin`;
}

/** setSignInStep keeps a sign-in step's token in an httpOnly cookie for as long as the step lasts. */
export function setSignInStep(app: WebApp, reply: FastifyReply, token: string): void {
  reply.setCookie(signInCookie(app.https), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.https,
    maxAge: CHALLENGE_MS / 1000,
  });
}

/** clearSignInStep forgets the sign-in step's cookie. */
export function clearSignInStep(app: WebApp, reply: FastifyReply): void {
  reply.clearCookie(signInCookie(app.https), { path: '/' });
}

/** setSession gives the browser its session cookie. */
export function setSession(app: WebApp, reply: FastifyReply, token: string): void {
  reply.setCookie(cookieNames(app.https).session, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.https,
    maxAge: SESSION_MS / 1000,
  });
}

/**
 * adoptSession starts a session on this very response: the cookie goes out, and the request is treated as signed in
 * from here on (its account, its form tokens), for a page that must be shown once rather than redirected to.
 */
export async function adoptSession(
  app: WebApp,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<void> {
  setSession(app, reply, token);
  request.cookies[cookieNames(app.https).session] = token;
  request.account = await sessionAccount(app, token);
}

/** browserOf is the coarse browser name a new session records. */
export function browserOf(request: FastifyRequest): string | null {
  const agent = request.headers['user-agent'];
  return browserFamily(typeof agent === 'string' ? agent : undefined);
}

/** ClientThrottled is `rate-limited` for too many sign-in attempts from one address. */
export class ClientThrottled extends VecheError {
  constructor() {
    super('rate-limited', 'Too many sign-in attempts from this connection; wait ten minutes.');
  }
}

/** signInLimits are how many attempts one address may make per ten minutes at each step of signing in. */
export const signInLimits = { password: 30, code: 30, reset: 20 };

/** limitSignIn counts one attempt of an address at a sign-in step, throwing ClientThrottled past the limit. */
export function limitSignIn(app: WebApp, request: FastifyRequest, step: keyof typeof signInLimits): void {
  try {
    checkAddressRate(
      app,
      request,
      `sign-in-${step}`,
      signInLimits[step],
      'Too many sign-in attempts from this connection.',
    );
  } catch (error) {
    if (error instanceof VecheError && error.code === 'rate-limited') throw new ClientThrottled();
    throw error;
  }
}

/**
 * refusalOf turns a refusal to try yet into what the sign-in pages say and the Retry-After header: a locked login
 * (until when), a busy address (ten minutes) or a full password queue (seconds). Other errors give null.
 */
export function refusalOf(
  error: unknown,
  t: Translate,
  now: number,
  formatTime: (time: number) => string,
): { message: string; retryAfter: number } | null {
  if (error instanceof LoginThrottled) {
    const seconds = Math.max(1, Math.ceil((error.until - now) / 1000));
    return {
      message: t('signin.locked', { minutes: Math.ceil(seconds / 60), time: formatTime(error.until) }),
      retryAfter: seconds,
    };
  }
  if (error instanceof ClientThrottled) return { message: t('signin.too-many-here'), retryAfter: 600 };
  if (error instanceof VecheError && error.code === 'rate-limited') return { message: t('signin.busy'), retryAfter: 5 };
  return null;
}

/**
 * answerForm says how to show a form that came back: its messages by field and a 422; or, when the answer is "not
 * yet" (a locked login, a full password queue), that message on `field`, a 429 and the Retry-After header.
 */
export function answerForm(
  app: WebApp,
  reply: FastifyReply,
  ctx: ViewContext,
  error: unknown,
  field: string,
): { errors: Record<string, string>; status: number } {
  const refusal = refusalOf(error, ctx.t, app.now(), (time) => dateTime(ctx, time));
  if (!refusal) return { errors: formErrors(error, ctx.t), status: 422 };
  reply.header('retry-after', String(refusal.retryAfter));
  return { errors: { [field]: refusal.message }, status: 429 };
}

/** numericId reads an id from a URL, or throws `not-found`. */
export function numericId(text: string): number {
  if (!/^[1-9]\d{0,14}$/.test(text)) throw new VecheError('not-found', 'No such page.');
  return Number(text);
}

/** doneOf reads `?done=` when it is one of the expected words, for the notice a redirect leads to. */
export function doneOf(request: FastifyRequest, allowed: readonly string[]): string | undefined {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' && allowed.includes(done) ? done : undefined;
}
