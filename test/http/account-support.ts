import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { Browser, testPassword, type Reply } from './support.ts';
import { totpCode } from '../../src/crypto/one-time-codes.ts';
import type { WebApp } from '../../src/web/web-app.ts';

/** Clock is the time an app under test lives in, moved by the test: codes from the phone are computed from it too. */
export interface Clock {
  now(): number;
  advance(ms: number): void;
}

/**
 * useClock makes the app read its time from a clock the test moves, starting a second into a 30-second step so that
 * a code computed now is still the current one when the request arrives.
 */
export function useClock(app: WebApp, start = Date.now()): Clock {
  let time = start - (start % 30_000) + 1_000;
  app.now = () => time;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

/** secretOn reads the key the set-up page shows to be typed into the phone, without its spaces. */
export function secretOn(page: Reply): string {
  const secret = /<p class="secret" id="secret"[^>]*>([A-Z2-7 ]+)<\/p>/.exec(page.body)?.[1];
  assert.ok(secret, `the page shows a key to type: ${page.body.slice(0, 200)}`);
  return secret.replace(/ /g, '');
}

/** recoveryCodesOn reads the recovery codes a page shows once. */
export function recoveryCodesOn(page: Reply): string[] {
  return [...page.body.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
}

/** codeAt is what the phone shows for a secret at the clock's time. */
export function codeAt(secret: string, clock: Clock): string {
  return totpCode(secret, clock.now());
}

/** turnOnSecondFactor sets two-step sign-in up from the signed-in browser's page, as a person would, and returns the secret and codes. */
export async function turnOnSecondFactor(
  browser: Browser,
  clock: Clock,
  password = testPassword,
): Promise<{ secret: string; codes: string[] }> {
  const page = await browser.get('/admin/two-step');
  assert.equal(page.status, 200);
  const secret = secretOn(page);
  const done = await browser.post('/admin/two-step/enrol', { code: codeAt(secret, clock), password });
  assert.equal(done.status, 200, done.body.slice(0, 500));
  const codes = recoveryCodesOn(done);
  assert.equal(codes.length, 10);
  clock.advance(30_000);
  return { secret, codes };
}

/** logInWithCode signs in through both steps (password, then the code or a recovery code) and returns the browser. */
export async function logInWithCode(
  server: FastifyInstance,
  login: string,
  code: string,
  password = testPassword,
): Promise<Browser> {
  const browser = new Browser(server);
  await browser.get('/login');
  const first = await browser.post('/login', { login, password });
  assert.equal(first.status, 303);
  assert.equal(first.location, '/login/code');
  await browser.get('/login/code');
  const second = await browser.post('/login/code', { code });
  assert.equal(second.status, 303, second.body.slice(0, 300));
  assert.match(second.location ?? '', /^\/admin/);
  return browser;
}

/** sessionCookieOf is the name of the session cookie a browser holds, if any. */
export function hasSession(browser: Browser): boolean {
  return browser.cookies.has('veche_session');
}
