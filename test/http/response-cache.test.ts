// Issue 12: the pages a crowd opens are answered from bytes kept in memory in front of Fastify (src/web/response-cache.ts).
// These tests go through a real socket, as the crowd does (`inject` goes round the cache). What they check: a
// signature, a correction, a close and a vote show on the very next request; nothing is kept longer than its lifetime
// by the app's clock; and nothing personal (a signed-in organiser's page, a voter's page, a response that sets a
// cookie) is ever kept, served to someone else, or marked public.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { addMember, createAdmin, logIn, startTestApp, type Browser, type TestApp } from './support.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { closePetition } from '../../src/actions/close-petition.ts';
import { invalidateSignatures } from '../../src/actions/invalidate-signatures.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';
import { castVote } from '../../src/actions/cast-vote.ts';
import { epochToLocalInput } from '../../src/domain/zoned-time.ts';
import { newVoterToken } from '../../src/web/voter-cookie.ts';
import { responseCacheOf } from '../../src/web/server.ts';
import type { Actor } from '../../src/actions/context.ts';
import { petitionFields } from '../support/petitions.ts';

let t: TestApp;
let base: string;
let organiser: Actor;
let olga: Browser;

// What a current browser sends when a person follows a link.
const crowd = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'accept-language': 'ru-RU,ru;q=0.9' };

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
  const admin = await createAdmin(t.app);
  organiser = await addMember(t.app, admin, 'organiser', 'olga');
  olga = await logIn(t.server, 'olga');
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
});
after(() => t.stop());

async function get(path: string, headers: Record<string, string> = crowd) {
  const response = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

async function openPetition(): Promise<string> {
  const id = await savePetitionDraft(t.app, organiser, petitionFields());
  await publishPetition(t.app, organiser, id);
  return id;
}

/** hit tells whether fetching `path` was answered from the cache. */
async function hit(path: string, headers: Record<string, string> = crowd): Promise<boolean> {
  const before = responseCacheOf(t.server).hits;
  await get(path, headers);
  return responseCacheOf(t.server).hits > before;
}

test("a crowd's repeated request is answered from kept bytes, with an ETag, and a 304 when the browser has them", async () => {
  const id = await openPetition();
  const first = await get(`/p/${id}`);
  assert.equal(first.status, 200);
  const etag = first.headers.get('etag');
  assert.match(String(etag), /^"[A-Za-z0-9_-]+"$/);
  assert.ok(await hit(`/p/${id}`));
  const again = await get(`/p/${id}`);
  assert.equal(again.body, first.body);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal(again.headers.get('cache-control'), 'public, max-age=1, stale-while-revalidate=10');
  assert.equal(again.headers.get('content-security-policy'), first.headers.get('content-security-policy'));
  const cached = await get(`/p/${id}`, { ...crowd, 'if-none-match': String(etag) });
  assert.equal(cached.status, 304);
  assert.equal(cached.body, '');
  // Another language is another page.
  const english = await get(`/p/${id}`, { ...crowd, 'accept-language': 'en' });
  assert.notEqual(english.body, first.body);
});

test('the kept page is in the language the server would pick: `?lang=`, even unknown, goes before the cookie', async () => {
  const withCookie = (accept: string) => ({ ...crowd, cookie: 'veche_lang=ru', 'accept-language': accept });
  for (const accept of ['en', 'uk', 'en']) {
    const page = await get('/?lang=xx', withCookie(accept));
    assert.match(page.body, new RegExp(`<html lang="${accept}"`), accept);
  }
  assert.match((await get('/', withCookie('uk'))).body, /<html lang="ru"/);
});

test('a signature, a correction and a close show on the next request, kept or not', async () => {
  const id = await openPetition();
  const count = async () => (JSON.parse((await get(`/api/petitions/${id}`)).body) as { signatures: number }).signatures;
  const page = () => get(`/p/${id}`);
  assert.equal(await count(), 0);
  const before = await page();
  assert.ok(await hit(`/api/petitions/${id}`), 'the count is kept');
  assert.ok(await hit(`/p/${id}`), 'the page is kept');

  await signPetition(t.app, id, { name: 'Anna' }, 'en');
  assert.equal(await count(), 1);
  const signed = await page();
  assert.notEqual(signed.headers.get('etag'), before.headers.get('etag'));

  const minute = Math.floor(Date.now() / 60_000);
  await invalidateSignatures(t.app, organiser, id, {
    from: String(minute - 5),
    to: String(minute + 5),
    region: '',
    reason: 'automated',
  });
  const corrected = JSON.parse((await get(`/api/petitions/${id}`)).body) as { invalidations: unknown[] };
  assert.equal(corrected.invalidations.length, 1);

  await closePetition(t.app, organiser, id);
  assert.equal((JSON.parse((await get(`/api/petitions/${id}`)).body) as { status: string }).status, 'closed');
  assert.notEqual((await page()).headers.get('etag'), signed.headers.get('etag'));
});

test('a vote shows on the next request to the event page, its state and its big screen', async () => {
  const zone = 'Europe/Moscow';
  const code = await createEvent(t.app, organiser, {
    title: 'Town hall on the schools of Pskov',
    addressee: 'The city council',
    description: 'Ask the council about the schools.',
    language: 'en',
    timeZone: zone,
    startsAt: epochToLocalInput(Date.now() - 3_600_000, zone),
    endsAt: epochToLocalInput(Date.now() + 3 * 3_600_000, zone),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '200',
  });
  const asked = await askQuestion(t.app, code, { text: 'When will the roof of school number 5 be repaired?' });
  assert.equal(asked.kind, 'asked');
  const question = (asked as { question: string }).question;
  const votes = async () => {
    const state = JSON.parse((await get(`/api/events/${code}/state`)).body) as { popular: { votes: number }[] };
    return state.popular[0].votes;
  };
  assert.equal(await votes(), 0);
  const page = await get(`/e/${code}`);
  const screen = await get(`/e/${code}/screen`);
  assert.equal(screen.headers.get('cache-control'), 'public, max-age=1, stale-while-revalidate=10');
  assert.ok(await hit(`/api/events/${code}/state`));
  assert.ok(await hit(`/e/${code}`));
  assert.ok(await hit(`/e/${code}/screen`));

  await castVote(t.app, code, question, newVoterToken(t.app));
  assert.equal(await votes(), 1);
  assert.notEqual((await get(`/e/${code}`)).headers.get('etag'), page.headers.get('etag'));
  assert.notEqual((await get(`/e/${code}/screen`)).headers.get('etag'), screen.headers.get('etag'));
});

test("a kept response lives no longer than its lifetime by the app's clock, and `changed` drops it at once", async () => {
  const id = await openPetition();
  const now = t.app.now;
  try {
    const start = Date.now();
    t.app.now = () => start;
    await get('/events');
    assert.ok(await hit('/events'));
    t.app.now = () => start + 999;
    assert.ok(await hit('/events'), 'still within its second');
    t.app.now = () => start + 1000;
    assert.equal(await hit('/events'), false, 'a second later it is made again');
    assert.ok(await hit('/events'));

    await get(`/p/${id}`);
    assert.ok(await hit(`/p/${id}`));
    responseCacheOf(t.server).changed(id);
    assert.equal(await hit(`/p/${id}`), false);
  } finally {
    t.app.now = now;
  }
});

test("a signed-in organiser's page is never kept or served to anyone else, nor anyone else's to her", async () => {
  const id = await openPetition();
  const hers = { ...crowd, cookie: [...olga.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  // Hers first: a cache that kept it would hand it to the next visitor.
  const own = await get(`/p/${id}`, hers);
  assert.match(own.body, /account-bar/);
  assert.doesNotMatch(String(own.headers.get('cache-control')), /public/);
  const anonymous = await get(`/p/${id}`);
  assert.doesNotMatch(anonymous.body, /account-bar|olga/);
  // Then the other way round: the crowd's page is kept, and she still gets her own.
  assert.ok(await hit(`/p/${id}`));
  assert.equal(await hit(`/p/${id}`, hers), false);
  assert.match((await get(`/p/${id}`, hers)).body, /account-bar/);
});

test("a voter's page, which shows their votes, is never kept or served to anyone else", async () => {
  const zone = 'Europe/Moscow';
  const code = await createEvent(t.app, organiser, {
    title: 'Town hall on the parks of Pskov',
    addressee: 'The city council',
    description: 'Ask the council about the parks.',
    language: 'en',
    timeZone: zone,
    startsAt: epochToLocalInput(Date.now() - 3_600_000, zone),
    endsAt: epochToLocalInput(Date.now() + 3 * 3_600_000, zone),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '200',
  });
  const asked = await askQuestion(t.app, code, { text: 'Why was the park on the river bank closed this spring?' });
  const token = newVoterToken(t.app);
  await castVote(t.app, code, (asked as { question: string }).question, token);
  const voter = { ...crowd, cookie: `veche_voter=${token}` };
  const theirs = await get(`/e/${code}`, voter);
  assert.match(theirs.body, /data-has-voter="1"/);
  assert.doesNotMatch(String(theirs.headers.get('cache-control')), /public/);
  assert.match((await get(`/e/${code}`)).body, /data-has-voter="0"/);
  assert.ok(await hit(`/e/${code}`));
  assert.equal(await hit(`/e/${code}`, voter), false);
});

test('a response that sets a cookie is never marked public, and never kept for the next visitor', async () => {
  const id = await openPetition();
  // An old browser (no fetch metadata) gets a form cookie of its own with the page; the next one gets another.
  const old = { 'accept-language': 'en' };
  const first = await get(`/p/${id}`, old);
  const second = await get(`/p/${id}`, old);
  for (const reply of [first, second]) {
    assert.match(String(reply.headers.get('set-cookie')), /veche_csrf=/);
    assert.doesNotMatch(String(reply.headers.get('cache-control')), /public/);
  }
  assert.notEqual(first.headers.get('set-cookie'), second.headers.get('set-cookie'));
  // A language chosen in the address is remembered in a cookie, even on a route that is otherwise kept a day.
  for (const path of [`/p/${id}/qr.svg?lang=ru`, '/?lang=uk', '/api/petitions?lang=ru', '/robots.txt?lang=ru']) {
    const reply = await get(path);
    assert.equal(reply.status, 200, path);
    assert.match(String(reply.headers.get('set-cookie')), /veche_lang=/, path);
    assert.doesNotMatch(String(reply.headers.get('cache-control')), /public/, path);
    assert.equal(await hit(path), false, path);
  }
});
