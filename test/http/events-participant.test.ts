// A participant of an open-questions event, on a phone, without an account: joins by code, asks, is shown similar
// questions, votes and takes votes back, through plain forms and through the JSON API; and every bad input to those
// routes is a 4xx that names the field, never a 500, with no address kept anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { solveChallenge } from 'altcha-lib';
import type { InjectOptions } from 'fastify';
import { createAdmin, startTestApp, type TestApp } from './support.ts';
import { closeEvent } from '../../src/actions/close-event.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { moderateQuestion } from '../../src/actions/moderate-question.ts';
import { epochToLocalInput } from '../../src/domain/zoned-time.ts';
import { voterTokenLimits, askingLimits } from '../../src/web/rate-limits.ts';
import type { Actor } from '../../src/actions/context.ts';

const HOUR = 3_600_000;
const school = 'When will the city repair the roof of school number 5 before the winter comes?';
const schoolAgain = 'When will the city fix the school roof before winter?';
const pensions = 'Why were pensions for the families of mobilised soldiers cut this spring?';

let t: TestApp;
let admin: Actor;

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
  admin = await createAdmin(t.app);
});
after(() => t.stop());

/** Reply is what a test reads of a response. */
interface Reply {
  status: number;
  type: string;
  body: string;
  location: string | undefined;
  setCookies: string[];
  json<T = Record<string, unknown>>(): T;
}

/**
 * Phone is one participant's browser: it keeps its cookies and the form token of the last page it saw, and always
 * comes from the same address (which the server must never keep).
 */
class Phone {
  readonly cookies = new Map<string, string>();
  csrf = '';
  readonly app: TestApp;
  readonly address: string;

  constructor(app: TestApp = t, address = '203.0.113.77') {
    this.app = app;
    this.address = address;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.send({ method: 'GET', url, headers });
  }

  /** post sends a form as a browser does, with the page's form token unless the fields carry one. */
  post(url: string, fields: Record<string, string> = {}): Promise<Reply> {
    const form = new URLSearchParams({ _csrf: this.csrf, ...fields });
    return this.postRaw(url, form.toString());
  }

  /** postRaw sends an url-encoded body exactly as written (to send what no browser would). */
  postRaw(url: string, body: string): Promise<Reply> {
    return this.send({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** api calls the JSON API: a body is sent as JSON unless it is a Buffer or string already. */
  api(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, type = 'application/json'): Promise<Reply> {
    const payload =
      body === undefined ? undefined : Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
    return this.send({ method, url, payload, headers: payload === undefined ? {} : { 'content-type': type } });
  }

  async send(options: InjectOptions): Promise<Reply> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.server.inject({
      ...options,
      remoteAddress: this.address,
      headers: { ...(cookie ? { cookie } : {}), ...(options.headers as Record<string, string>) },
    });
    for (const c of response.cookies as { name: string; value: string }[]) this.cookies.set(c.name, c.value);
    const type = String(response.headers['content-type'] ?? '');
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token && type.startsWith('text/html')) this.csrf = token[1];
    const location = response.headers.location;
    return {
      status: response.statusCode,
      type,
      body: response.body,
      location: typeof location === 'string' ? location : undefined,
      setCookies: [response.headers['set-cookie'] ?? []].flat().map(String),
      json: () => response.json(),
    };
  }
}

/** openEvent opens an event through the organiser's action, now until three hours on, and returns its join code. */
async function openEvent(
  change: Record<string, string> = {},
  app: TestApp = t,
  organiser: Actor = admin,
): Promise<string> {
  const zone = change.timeZone ?? 'Europe/Moscow';
  return createEvent(app.app, organiser, {
    title: 'Town hall on the schools of Pskov',
    addressee: 'The city council',
    description: 'Ask the council about the schools.',
    language: 'en',
    timeZone: zone,
    startsAt: epochToLocalInput(Date.now() - HOUR, zone),
    endsAt: epochToLocalInput(Date.now() + 3 * HOUR, zone),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '120',
    ...change,
  });
}

/** ask posts a question through the page's form, as a phone without JavaScript does. */
async function ask(phone: Phone, code: string, fields: Record<string, string>): Promise<Reply> {
  if (!phone.csrf) await phone.get(`/e/${code}`);
  return phone.post(`/e/${code}/questions`, fields);
}

/** questionIds reads the public questions of a list through the API, newest first for `recent`. */
async function questions(
  code: string,
  list = 'recent',
): Promise<{ id: string; text: string | null; votes: number; sha256: string; voted: boolean }[]> {
  const reply = await new Phone().get(`/api/events/${code}/questions?list=${list}`);
  assert.equal(reply.status, 200);
  return reply.json<{
    questions: { id: string; text: string | null; votes: number; sha256: string; voted: boolean }[];
  }>().questions;
}

/** askedId asks through the API (no similarity check) and returns the new question's id. */
async function askedId(code: string, text: string, name?: string): Promise<string> {
  const reply = await new Phone().api('POST', `/api/events/${code}/questions`, {
    text,
    anyway: true,
    ...(name ? { name } : {}),
  });
  assert.equal(reply.status, 201, reply.body);
  return reply.json<{ question: string }>().question;
}

const escaped = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

test('joining by code: the join page, a right code in any case, a wrong code, no code', async () => {
  const code = await openEvent();
  const phone = new Phone();

  const page = await phone.get('/e');
  assert.equal(page.status, 200);
  assert.match(page.body, /<form method="get" action="\/e"/);
  assert.match(
    page.body,
    /<input id="code" name="code" type="text" class="code-input" inputmode="text" autocapitalize="characters"/,
  );
  assert.match(page.body, /<label for="code">Event code/);

  assert.equal((await phone.get(`/e?code=${code}`)).location, `/e/${code}`);
  const lower = await phone.get(
    `/e?code=${encodeURIComponent(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()} `)}`,
  );
  assert.equal(lower.status, 303);
  assert.equal(lower.location, `/e/${code}`);
  const link = await phone.get(`/e/${code.toLowerCase()}?list=recent`);
  assert.equal(link.status, 301, 'a link typed in lower case leads to the one address of the event');
  assert.equal(link.location, `/e/${code}?list=recent`);

  const wrong = await phone.get('/e?code=zz99zz');
  assert.equal(wrong.status, 404);
  assert.match(wrong.body, /No event has this code\. Check the code and try again\./);
  assert.match(wrong.body, /value="zz99zz"/, 'the code typed is kept to be corrected');
  assert.match(wrong.body, /aria-describedby="code-error"/);

  const empty = await phone.get('/e?code=%20');
  assert.equal(empty.status, 422);
  assert.match(empty.body, /Please fill this in\./);

  assert.equal((await phone.get('/e/ZZ99ZZ')).status, 404);
  assert.equal((await phone.get('/e/not-a-code-at-all')).status, 404);

  const home = await phone.get('/');
  assert.match(home.body, /At an event\? Join it by its code/);
  assert.match(home.body, /<input id="join-code" name="code"/);
});

test('the event page says what the event is, when in its own time zone, and offers the ask form, tabs and QR code', async () => {
  const zone = 'Asia/Tokyo';
  const tomorrow = new Date(Date.now() + 86_400_000 + 9 * HOUR).toISOString().slice(0, 10);
  const code = await openEvent({
    timeZone: zone,
    startsAt: `${tomorrow}T18:30`,
    endsAt: `${tomorrow}T20:00`,
    description: 'First line.\n\nSecond paragraph.',
  });
  const page = await new Phone().get(`/e/${code}?lang=ru`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1 lang="en">Town hall on the schools of Pskov<\/h1>/);
  assert.match(page.body, /Вопросы к: The city council/);
  assert.match(
    page.body,
    /18:30[–-]20:00, GMT\+9 \(Asia\/Tokyo\)/,
    "the time is the hall's wall clock, with its offset",
  );
  assert.match(page.body, /Ещё не началось, но вопросы уже принимаются/);
  assert.match(page.body, /<p>First line\.<\/p>\n<p>Second paragraph\.<\/p>/);
  assert.match(page.body, /<form method="post" action="\/e\/[A-Z0-9]+\/questions" novalidate data-ask-form>/);
  assert.match(page.body, /<textarea id="text" name="text"/);
  assert.match(page.body, /Не больше 120 знаков\./);
  assert.match(page.body, /Необязательно\. Оставьте поле пустым, чтобы спросить анонимно\./);
  for (const list of ['popular', 'recent', 'answered', 'hidden'])
    assert.match(page.body, new RegExp(`href="/e/${code}\\?list=${list}#questions"`));
  assert.match(page.body, /href="\/e\/[A-Z0-9]+\?list=popular#questions" aria-current="page"/);
  assert.match(page.body, /<svg role="img" aria-label="QR"/);
  assert.ok(page.body.includes(`value="http://localhost:3000/e/${code}"`));
  assert.match(page.body, /<script type="module" src="\/assets\/event\.js"><\/script>/);
  assert.doesNotMatch(page.body, /altcha-widget/, 'no proof-of-work widget when proof of work is off');
  assert.doesNotMatch(page.body, /style=|<script>/, 'no inline style or script (CSP)');

  const bad = await new Phone().get(`/e/${code}?list=pending`);
  assert.equal(bad.status, 422, "the moderators' queue is not a public list");
  assert.match(bad.body, /Please choose one of the options offered\./);
});

test('asking in an event that publishes at once: the question appears, anonymous or named', async () => {
  const code = await openEvent();
  const phone = new Phone();
  const asked = await ask(phone, code, { text: `  ${pensions}  `, name: '' });
  assert.equal(asked.status, 303);
  assert.equal(asked.location, `/e/${code}?list=recent&asked=published#notice`);
  assert.ok(phone.cookies.has('veche_voter'), 'asking gives the browser its voter token');
  const page = await phone.get(asked.location!.replace('#notice', ''));
  assert.match(page.body, /Thank you: your question is published\./);
  assert.ok(page.body.includes(escaped(pensions)));
  assert.match(page.body, /<span data-author>Anonymous<\/span>/);
  assert.match(page.body, /1 question asked/);

  const named = await ask(phone, code, { text: school, name: 'Olga from Pskov', anyway: '1' });
  assert.equal(named.status, 303);
  const [newest] = await questions(code);
  assert.equal(newest.text, school);
  assert.match((await phone.get(`/e/${code}?list=recent`)).body, /<span data-author>Olga from Pskov<\/span>/);
});

test('asking in an event moderated before publication: the question waits for a moderator', async () => {
  const code = await openEvent({ moderation: 'before' });
  const phone = new Phone();
  const page = await phone.get(`/e/${code}`);
  assert.match(page.body, /Your question will appear after a moderator approves it\./);
  const asked = await ask(phone, code, { text: pensions });
  assert.equal(asked.status, 303);
  assert.equal(asked.location, `/e/${code}?asked=pending#notice`);
  const after = await phone.get(`/e/${code}?asked=pending`);
  assert.match(after.body, /Thank you: your question is sent\. It will appear after a moderator approves it\./);
  assert.ok(!after.body.includes(escaped(pensions)), 'a waiting question is not shown');
  assert.deepEqual(await questions(code), []);

  const api = await new Phone().api('POST', `/api/events/${code}/questions`, { text: school });
  assert.equal(api.status, 201);
  assert.equal(api.json().status, 'pending');
});

test('a question like one already asked: the similar one is offered to vote for, then "post mine anyway" keeps the input', async () => {
  const code = await openEvent();
  const first = await askedId(code, school);
  const phone = new Phone();
  const similar = await ask(phone, code, { text: schoolAgain, name: 'Irina' });
  assert.equal(similar.status, 200, 'nothing is stored yet: the similar questions are shown');
  assert.match(similar.body, /Has your question been asked already\?/);
  assert.ok(similar.body.includes(escaped(school)));
  assert.ok(
    similar.body.includes(`action="/e/${code}/questions/${first}/vote"`),
    'the similar question can be voted for',
  );
  assert.match(similar.body, /<input type="hidden" name="anyway" value="1">/);
  assert.ok(similar.body.includes(`>${escaped(schoolAgain)}</textarea>`), 'the question typed is kept');
  assert.match(similar.body, /id="name" name="name" type="text" maxlength="80" autocomplete="name" value="Irina"/);
  assert.match(similar.body, /Post mine anyway/);
  assert.equal((await questions(code)).length, 1);

  const anyway = await phone.post(`/e/${code}/questions`, { text: schoolAgain, name: 'Irina', anyway: '1' });
  assert.equal(anyway.status, 303);
  assert.deepEqual(
    (await questions(code)).map((q) => q.text),
    [schoolAgain, school],
  );

  const suggestions = await phone.get(
    `/e/${code}/similar?text=${encodeURIComponent('repair the roof of school number 5 before winter')}`,
    { accept: 'application/json' },
  );
  assert.equal(suggestions.status, 200);
  const found = suggestions.json<{ similar: { id: string; text: string; voted: boolean }[] }>().similar;
  assert.ok(
    found.some((q) => q.id === first && q.text === school && q.voted === false),
    JSON.stringify(found),
  );
  assert.deepEqual((await phone.get(`/e/${code}/similar?text=ab`)).json(), { similar: [] });
  assert.deepEqual((await phone.get(`/e/${code}/similar`)).json(), { similar: [] });
  assert.equal(
    (await phone.get('/e/ZZ99ZZ/similar?text=anything%20at%20all', { accept: 'application/json' })).status,
    404,
  );

  const api = await new Phone().api('POST', `/api/events/${code}/questions`, { text: school });
  assert.equal(api.status, 200);
  assert.equal(api.json().status, 'similar');
});

test('voting with the form: once, a second time refused, taken back, and back to the list and the question', async () => {
  const code = await openEvent();
  const id = await askedId(code, pensions);
  const phone = new Phone();
  await phone.get(`/e/${code}`);

  const vote = await phone.post(`/e/${code}/questions/${id}/vote`, { list: 'recent' });
  assert.equal(vote.status, 303);
  assert.equal(vote.location, `/e/${code}?list=recent#q-${id}`);
  const cookie = vote.setCookies.find((c) => c.startsWith('veche_voter='));
  assert.ok(cookie, 'the first vote gives the browser a voter token');
  assert.match(cookie!, /^veche_voter=[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{22};/);
  assert.match(cookie!, /Max-Age=2592000/);
  assert.match(cookie!, /Path=\//);
  assert.match(cookie!, /HttpOnly/);
  assert.match(cookie!, /SameSite=Lax/);

  const page = await phone.get(`/e/${code}?list=recent`);
  assert.match(page.body, new RegExp(`id="q-${id}" data-question="${id}" data-status="published" data-voted="1"`));
  assert.match(
    page.body,
    /<span class="tally-number" data-votes>1<\/span> <span class="tally-word" data-votes-word>vote<\/span>/,
  );
  assert.ok(page.body.includes(`action="/e/${code}/questions/${id}/unvote"`));
  assert.match(page.body, /Take my vote back/);
  assert.match(page.body, /1 vote<\/span>/);
  assert.match(page.body, /data-has-voter="1"/);
  assert.equal((await questions(code))[0].votes, 1);

  const again = await phone.post(`/e/${code}/questions/${id}/vote`, { list: 'recent' });
  assert.equal(again.status, 409);
  assert.match(again.body, /role="alert">You have already voted for this question\./);
  assert.equal((await questions(code))[0].votes, 1);
  const apiAgain = await phone.api('POST', `/api/events/${code}/questions/${id}/vote`, {});
  assert.equal(apiAgain.status, 409);
  assert.match(apiAgain.type, /^application\/problem\+json/);
  assert.equal(apiAgain.json().code, 'already-voted');

  // A token the site did not make is no voter: the browser is given a real one instead, counted against the limit.
  const forged = new Phone(t, '198.51.100.7');
  forged.cookies.set('veche_voter', `${'A'.repeat(32)}.${'B'.repeat(22)}`);
  await forged.get(`/e/${code}`);
  const forgedVote = await forged.post(`/e/${code}/questions/${id}/vote`, { list: 'recent' });
  assert.equal(forgedVote.status, 303);
  assert.notEqual(
    forged.cookies.get('veche_voter'),
    `${'A'.repeat(32)}.${'B'.repeat(22)}`,
    'the forged token is replaced',
  );
  assert.equal((await questions(code))[0].votes, 2);
  await forged.post(`/e/${code}/questions/${id}/unvote`, { list: 'recent' });

  const other = new Phone(t, '198.51.100.9');
  await other.get(`/e/${code}`);
  assert.equal((await other.post(`/e/${code}/questions/${id}/vote`)).status, 303, 'another phone votes too');
  assert.equal((await questions(code))[0].votes, 2);

  const back = await phone.post(`/e/${code}/questions/${id}/unvote`, { list: 'popular' });
  assert.equal(back.status, 303);
  assert.equal(back.location, `/e/${code}?list=popular#q-${id}`);
  assert.equal((await questions(code))[0].votes, 1);
  assert.ok((await phone.get(`/e/${code}`)).body.includes(`action="/e/${code}/questions/${id}/vote"`));
  const backAgain = await phone.post(`/e/${code}/questions/${id}/unvote`);
  assert.equal(backAgain.status, 409);
  assert.match(backAgain.body, /There is no vote of yours on this question to take back\./);
  const stranger = new Phone(t, '198.51.100.10');
  await stranger.get(`/e/${code}`);
  assert.equal(
    (await stranger.post(`/e/${code}/questions/${id}/unvote`)).status,
    409,
    'a browser with no token has nothing to take back',
  );
  assert.ok(!stranger.cookies.has('veche_voter'), 'taking back a vote makes no token');
});

test('voting through the API: counted, shown as voted, taken back with DELETE', async () => {
  const code = await openEvent();
  const id = await askedId(code, pensions);
  const phone = new Phone();
  const vote = await phone.api('POST', `/api/events/${code}/questions/${id}/vote`, {});
  assert.equal(vote.status, 200, vote.body);
  assert.deepEqual(vote.json(), { question: id, votes: 1, voted: true });
  assert.ok(phone.cookies.has('veche_voter'));
  const listed = await phone.get(`/api/events/${code}/questions?list=popular`);
  assert.equal(listed.json<{ questions: { voted: boolean }[] }>().questions[0].voted, true);
  const event = await phone.get(`/api/events/${code}`);
  assert.equal(event.status, 200);
  const detail = event.json<{
    code: string;
    counts: { asked: number; votes: number };
    rules: { maxLength: number; anonymousAllowed: boolean };
    takingQuestions: boolean;
    pinned: unknown;
  }>();
  assert.equal(detail.code, code);
  assert.equal(detail.counts.votes, 1);
  assert.equal(detail.rules.maxLength, 120);
  assert.equal(detail.takingQuestions, true);
  assert.equal(detail.pinned, null);
  const back = await phone.api('DELETE', `/api/events/${code}/questions/${id}/vote`);
  assert.equal(back.status, 200);
  assert.deepEqual(back.json(), { question: id, votes: 0, voted: false });
  const refused = await phone.api(
    'POST',
    `/api/events/${code}/questions/${id}/vote`,
    'altcha=x',
    'application/x-www-form-urlencoded',
  );
  assert.equal(refused.status, 415, "the API takes JSON only, so no other site's form can post to it");
});

test('votes for an unknown question are 404, for a hidden one 409; a pinned question is shown at the top', async () => {
  const code = await openEvent();
  const hidden = await askedId(code, pensions);
  const pinned = await askedId(code, school, 'Olga');
  await moderateQuestion(t.app, admin, code, hidden, 'hide', 'spam');
  await moderateQuestion(t.app, admin, code, pinned, 'pin');
  const phone = new Phone();
  const page = await phone.get(`/e/${code}`);
  assert.match(page.body, new RegExp(`data-pinned="${pinned}" >`));
  assert.match(page.body, /<h2 id="pinned-h">Now answering<\/h2>/);
  assert.ok(page.body.includes(`data-pinned-text>${escaped(school)}</p>`));

  const unknown = await phone.post(`/e/${code}/questions/qNoSuchThing/vote`);
  assert.equal(unknown.status, 404);
  assert.match(unknown.type, /^text\/html/);
  const unknownApi = await phone.api('POST', `/api/events/${code}/questions/qNoSuchThing/vote`, {});
  assert.equal(unknownApi.status, 404);
  assert.equal(unknownApi.json().code, 'not-found');
  assert.equal((await phone.api('POST', `/api/events/${code}/questions/${'x'.repeat(150)}/vote`, {})).status, 404);

  const onHidden = await phone.post(`/e/${code}/questions/${hidden}/vote`);
  assert.equal(onHidden.status, 409);
  assert.match(onHidden.body, /This question is not taking votes now\./);
  const onHiddenApi = await phone.api('POST', `/api/events/${code}/questions/${hidden}/vote`, {});
  assert.equal(onHiddenApi.status, 409);
  assert.equal(onHiddenApi.json().code, 'wrong-state');
  assert.equal((await phone.api('POST', `/api/events/ZZ99ZZ/questions/${hidden}/vote`, {})).status, 404);
});

test('a closed event takes no questions and no votes, and says so', async () => {
  const code = await openEvent();
  const id = await askedId(code, pensions);
  const phone = new Phone();
  await phone.get(`/e/${code}`);
  await closeEvent(t.app, admin, code);
  const page = await phone.get(`/e/${code}`);
  assert.match(page.body, /This event is closed: it no longer takes questions or votes\./);
  assert.doesNotMatch(page.body, /data-ask-form/);
  assert.doesNotMatch(page.body, /data-vote-form/);
  assert.match(page.body, /<span class="badge closed">Closed<\/span>/);

  const asked = await phone.post(`/e/${code}/questions`, { text: school });
  assert.equal(asked.status, 409);
  assert.match(asked.body, /This event is not taking questions or votes\./);
  const voted = await phone.post(`/e/${code}/questions/${id}/vote`);
  assert.equal(voted.status, 409);
  const api = await phone.api('POST', `/api/events/${code}/questions/${id}/vote`, {});
  assert.equal(api.status, 409);
  assert.equal(api.json().code, 'event-not-open');
  const apiAsk = await phone.api('POST', `/api/events/${code}/questions`, { text: school });
  assert.equal(apiAsk.status, 409);
  assert.equal(apiAsk.json().code, 'event-not-open');
  assert.equal((await phone.get(`/api/events/${code}`)).json().takingQuestions, false);
});

test('an event that takes no anonymous questions asks for a name', async () => {
  const code = await openEvent({ anonymousAllowed: '' });
  const phone = new Phone();
  const page = await phone.get(`/e/${code}`);
  assert.match(page.body, /Required: this event does not take anonymous questions\./);
  assert.match(page.body, /autocomplete="name" value="" required/);
  const asked = await ask(phone, code, { text: pensions, name: '   ' });
  assert.equal(asked.status, 422);
  assert.match(asked.body, /<a href="#name">This event does not take anonymous questions: please give a name\.<\/a>/);
  assert.ok(asked.body.includes(`>${escaped(pensions)}</textarea>`), 'the question is kept');
  const api = await phone.api('POST', `/api/events/${code}/questions`, { text: pensions });
  assert.equal(api.status, 422);
  assert.deepEqual(
    api.json<{ errors: { field: string; problem: string }[] }>().errors.map((e) => [e.field, e.problem]),
    [['name', 'name-required']],
  );
  assert.equal((await ask(phone, code, { text: pensions, name: 'Anna' })).status, 303);
});

test('bad input in the ask form: each field named, the form shown again with what was typed, nothing stored', async () => {
  const code = await openEvent();
  const phone = new Phone();
  await phone.get(`/e/${code}`);
  const cases: [string, Record<string, string> | string, string, RegExp][] = [
    ['empty question', { text: '', name: 'Anna' }, 'text', /Please fill this in\./],
    ['whitespace-only question', { text: ' \n\t  ', name: 'Anna' }, 'text', /Please fill this in\./],
    [
      "question over the event's length",
      { text: 'Why '.repeat(31), name: 'Anna' },
      'text',
      /This is too long: at most 120 characters\./,
    ],
    ['question in broken UTF-8', `text=Why%FF%FE%20not&name=Anna`, 'text', /broken encoding/],
    ['question with control characters', { text: 'Why\u0007 not?' }, 'text', /invisible control characters/],
    [
      'name over 80 characters',
      { text: pensions, name: 'N'.repeat(81) },
      'name',
      /This is too long: at most 80 characters\./,
    ],
    ['name in broken UTF-8', `text=${encodeURIComponent(pensions)}&name=%C3%28`, 'name', /broken encoding/],
    ['name on two lines', { text: pensions, name: 'Anna\nMaria' }, 'name', /invisible control characters/],
    ['unknown field', { text: pensions, colour: 'red' }, 'colour', /This field is not expected here\./],
    [
      'anyway that is not a flag',
      { text: pensions, anyway: 'perhaps' },
      'anyway',
      /Please choose one of the options offered\./,
    ],
  ];
  for (const [label, fields, field, message] of cases) {
    const reply =
      typeof fields === 'string'
        ? await phone.postRaw(`/e/${code}/questions`, `_csrf=${encodeURIComponent(phone.csrf)}&${fields}`)
        : await phone.post(`/e/${code}/questions`, fields);
    assert.equal(reply.status, 422, label);
    assert.match(reply.type, /^text\/html/, label);
    assert.match(reply.body, new RegExp(`<li><a href="#${field}">`), `${label}: the summary names ${field}`);
    assert.match(reply.body, message, label);
    assert.match(reply.body, /data-ask-form/, `${label}: the form is shown again`);
  }
  const kept = await phone.post(`/e/${code}/questions`, { text: `<b>${pensions}</b>`, name: 'N'.repeat(81) });
  assert.ok(
    kept.body.includes(`>&lt;b&gt;${escaped(pensions)}&lt;/b&gt;</textarea>`),
    'the question typed is kept, escaped',
  );
  assert.ok(kept.body.includes(`value="${'N'.repeat(81)}"`), 'the name typed is kept');
  assert.match(
    kept.body,
    /href="\/e\/[A-Z0-9]+\?lang=uk"/,
    "the language links lead to the event, not to the form's address",
  );
  assert.deepEqual(await questions(code), [], 'nothing was stored');

  const noToken = await phone.post(`/e/${code}/questions`, { _csrf: '', text: pensions });
  assert.equal(noToken.status, 403, 'a form without its token is refused');
});

test('bad input through the API: problem+json naming each field', async () => {
  const code = await openEvent();
  const phone = new Phone();
  const cases: [string, unknown, string, string][] = [
    ['empty question', { text: '' }, 'text', 'required'],
    ['whitespace-only question', { text: '   \n ' }, 'text', 'required'],
    ["question over the event's length", { text: 'x'.repeat(121) }, 'text', 'too-long'],
    ['question as a number', { text: 42 }, 'text', 'not-text'],
    ['lone surrogate', '{"text":"Why \\ud800 not?"}', 'text', 'bad-encoding'],
    [
      'invalid UTF-8 bytes',
      Buffer.concat([Buffer.from('{"text":"Why '), Buffer.from([0xff, 0xfe]), Buffer.from(' not?"}')]),
      'text',
      'bad-encoding',
    ],
    ['name too long', { text: pensions, name: 'N'.repeat(81) }, 'name', 'too-long'],
    ['name as an object', { text: pensions, name: { first: 'Anna' } }, 'name', 'not-text'],
    ['unknown field', { text: pensions, colour: 'red' }, 'colour', 'unknown-field'],
    ['a list, not an object', [pensions], 'body', 'body-not-object'],
  ];
  for (const [label, body, field, problem] of cases) {
    const reply = await phone.api('POST', `/api/events/${code}/questions`, body);
    assert.equal(reply.status, 422, `${label}: ${reply.body}`);
    assert.match(reply.type, /^application\/problem\+json/, label);
    const errors = reply.json<{ errors: { field: string; problem: string; detail: string }[] }>().errors;
    assert.ok(
      errors.some((e) => e.field === field && e.problem === problem && e.detail.length > 0),
      `${label}: ${JSON.stringify(errors)}`,
    );
  }
  assert.equal((await phone.api('POST', `/api/events/${code}/questions`, '{"text":')).status, 400, 'broken JSON');
  assert.equal(
    (await phone.api('POST', `/api/events/${code}/questions`, `text=${pensions}`, 'application/x-www-form-urlencoded'))
      .status,
    415,
  );
  const vote = await phone.api('POST', `/api/events/${code}/questions/${await askedId(code, pensions)}/vote`, {
    weight: 10,
  });
  assert.equal(vote.status, 422);
  assert.equal(vote.json<{ errors: { field: string }[] }>().errors[0].field, 'weight');
  for (const query of ['list=pending', 'list=everything', 'limit=0', 'limit=1000', 'offset=-1', 'colour=red']) {
    const reply = await phone.get(`/api/events/${code}/questions?${query}`);
    assert.equal(reply.status, 422, query);
    assert.match(reply.type, /^application\/problem\+json/, query);
  }
  assert.equal((await phone.get('/api/events/ZZ99ZZ')).status, 404);
  assert.equal((await phone.get('/api/events/ZZ99ZZ')).json().code, 'not-found');
});

test('bad input in the vote form: unknown fields and lists are named, not counted', async () => {
  const code = await openEvent();
  const id = await askedId(code, pensions);
  const phone = new Phone();
  await phone.get(`/e/${code}`);
  const unknown = await phone.post(`/e/${code}/questions/${id}/vote`, { weight: '10' });
  assert.equal(unknown.status, 422);
  assert.match(unknown.body, /This field is not expected here\./);
  const list = await phone.post(`/e/${code}/questions/${id}/vote`, { list: 'pending' });
  assert.equal(list.status, 422);
  const broken = await phone.postRaw(
    `/e/${code}/questions/${id}/vote`,
    `_csrf=${encodeURIComponent(phone.csrf)}&list=%FF`,
  );
  assert.equal(broken.status, 422);
  assert.equal((await questions(code))[0].votes, 0);
});

test('the hidden tab: spam stays readable, abuse shows only the fact, the reason and the SHA-256 of its text', async () => {
  const code = await openEvent();
  const spam = 'Buy cheap watches at our shop, best prices in town!';
  const abuse = 'The deputy mayor is a thief and an idiot, everybody knows it.';
  const personal = 'Ivan Petrov of flat 12, Lenina 5, phone 8 900 123 45 67, dodges the draft.';
  const ids = {
    spam: await askedId(code, spam),
    abuse: await askedId(code, abuse, 'Angry'),
    personal: await askedId(code, personal),
  };
  await askedId(code, pensions);
  await moderateQuestion(t.app, admin, code, ids.spam, 'hide', 'spam');
  await moderateQuestion(t.app, admin, code, ids.abuse, 'hide', 'abuse');
  await moderateQuestion(t.app, admin, code, ids.personal, 'hide', 'personal-data');
  const phone = new Phone();

  const popular = await phone.get(`/e/${code}`);
  assert.match(popular.body, /Hidden by moderators: 1 spam, 1 abuse, 1 personal data\./);
  assert.match(popular.body, /Hidden \(3\)/);
  assert.ok(!popular.body.includes(escaped(spam)), 'hidden questions are not in the popular list');

  const hidden = await phone.get(`/e/${code}?list=hidden`);
  assert.equal(hidden.status, 200);
  assert.ok(hidden.body.includes(escaped(spam)), 'a spam text stays readable');
  assert.ok(!hidden.body.includes(escaped(abuse)), 'an abusive text is not shown');
  assert.ok(!hidden.body.includes('Angry'), 'nor its author');
  assert.ok(!hidden.body.includes('Ivan Petrov'), 'nor personal data');
  for (const text of [abuse, personal])
    assert.ok(hidden.body.includes(createHash('sha256').update(text).digest('hex')), 'its SHA-256 is shown');
  assert.match(hidden.body, /Hidden: abuse/);
  assert.match(hidden.body, /Hidden: personal data/);
  assert.match(hidden.body, /Hidden: spam/);
  assert.match(hidden.body, /the record holds this fingerprint of every question/);
  assert.doesNotMatch(hidden.body, /data-vote-form/, 'hidden questions take no votes');

  const api = await questions(code, 'hidden');
  assert.equal(api.find((q) => q.id === ids.abuse)?.text, null);
  assert.equal(api.find((q) => q.id === ids.spam)?.text, spam);
  assert.equal((await phone.get(`/e/${code}/similar?text=${encodeURIComponent(abuse)}`)).body.includes('thief'), false);
});

test('the page speaks Russian and Ukrainian, with plural forms', async () => {
  const code = await openEvent();
  const id = await askedId(code, pensions);
  for (let i = 0; i < 2; i++)
    await new Phone(t, `198.51.100.${20 + i}`).api('POST', `/api/events/${code}/questions/${id}/vote`, {});
  const ru = await new Phone().get(`/e/${code}?lang=ru`);
  assert.match(ru.body, /1 вопрос задан/);
  assert.match(ru.body, /2 голоса/);
  assert.match(ru.body, /Задать вопрос/);
  const uk = await new Phone().get(`/e/${code}?lang=uk`);
  assert.match(uk.body, /Поставити питання/);
  assert.match(uk.body, /2 голоси/);
});

test("no address is kept: the database and files hold no trace of the phones' IP addresses", async () => {
  const code = await openEvent();
  const phone = new Phone(t, '192.0.2.123');
  await ask(phone, code, {
    text: 'Will the school on Sadovaya street get heating this year?',
    name: 'Lena',
    anyway: '1',
  });
  const [q] = await questions(code);
  await phone.post(`/e/${code}/questions/${q.id}/vote`);
  await phone.api('DELETE', `/api/events/${code}/questions/${q.id}/vote`);
  await phone.api('POST', `/api/events/${code}/questions/${q.id}/vote`, {});
  await t.app.store.db.selectFrom('questions').select('id').execute();
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(t.dataDir);
  assert.ok(
    files.some((f) => /sqlite|\.db/.test(f)),
    `the database is among ${files.join(', ')}`,
  );
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const address of ['192.0.2.123', '203.0.113.77', '198.51.100.9', '127.0.0.1']) {
      assert.equal(bytes.includes(address), false, `${file} holds ${address}`);
    }
  }
});

test('rate limits: voter tokens and questions per address, higher with proof of work', async () => {
  const limited = await startTestApp({ VECHE_POW_MAX: '2000' });
  try {
    const organiser = await createAdmin(limited.app);
    const code = await openEvent({}, limited, organiser);
    const id = await askedId2(limited, code);
    const solved = async (phone: Phone) => {
      const challenge = (await phone.get('/api/pow/challenge')).json<{
        challenge: string;
        salt: string;
        algorithm: string;
        maxnumber: number;
      }>();
      const solution = await solveChallenge(
        challenge.challenge,
        challenge.salt,
        challenge.algorithm,
        challenge.maxnumber,
      ).promise;
      return Buffer.from(JSON.stringify({ ...challenge, number: solution!.number })).toString('base64');
    };

    const tokens = voterTokenLimits();
    for (let i = 0; i < tokens.withoutProofOfWork; i++) {
      const phone = new Phone(limited, '203.0.113.5');
      await phone.get(`/e/${code}`);
      assert.equal((await phone.post(`/e/${code}/questions/${id}/vote`)).status, 303, `vote ${i + 1}`);
    }
    const flood = new Phone(limited, '203.0.113.5');
    await flood.get(`/e/${code}`);
    const refused = await flood.post(`/e/${code}/questions/${id}/vote`);
    assert.equal(refused.status, 429, 'one address gets only so many new voters without proof of work');
    assert.ok(!flood.cookies.has('veche_voter'));
    const apiRefused = await flood.api('POST', `/api/events/${code}/questions/${id}/vote`, {});
    assert.equal(apiRefused.status, 429);
    assert.equal(apiRefused.json().code, 'rate-limited');
    const badProof = await flood.api('POST', `/api/events/${code}/questions/${id}/vote`, {
      altcha: 'bm90IGEgc29sdXRpb24=',
    });
    assert.equal(badProof.status, 422);
    assert.equal(badProof.json<{ errors: { field: string }[] }>().errors[0].field, 'altcha');
    const proven = await flood.api('POST', `/api/events/${code}/questions/${id}/vote`, { altcha: await solved(flood) });
    assert.equal(proven.status, 200, `with proof of work the higher limit applies: ${proven.body}`);
    assert.equal(
      (await new Phone(limited, '203.0.113.6').api('POST', `/api/events/${code}/questions/${id}/vote`, {})).status,
      200,
      'another address is not held up',
    );

    const asking = askingLimits();
    const asker = new Phone(limited, '203.0.113.7');
    await asker.get(`/e/${code}`);
    for (let i = 0; i < asking.withoutProofOfWork; i++) {
      assert.equal(
        (
          await asker.post(`/e/${code}/questions`, {
            text: `Question number ${i} about the bus to the hospital`,
            anyway: '1',
          })
        ).status,
        303,
        `question ${i + 1}`,
      );
    }
    const tooMany = await asker.post(`/e/${code}/questions`, {
      text: 'One more question about the ferry',
      name: 'Zoya',
      anyway: '1',
    });
    assert.equal(tooMany.status, 429);
    assert.match(tooMany.body, /Too many requests\. Please wait a minute and try again\./);
    assert.ok(
      tooMany.body.includes('>One more question about the ferry</textarea>'),
      'the question is kept to send later',
    );
    assert.match(tooMany.body, /<altcha-widget challengeurl="\/api\/pow\/challenge"/);
    const withProof = await asker.post(`/e/${code}/questions`, {
      text: 'One more question about the ferry',
      anyway: '1',
      altcha: await solved(asker),
    });
    assert.equal(withProof.status, 303, 'with proof of work the higher limit applies');
  } finally {
    await limited.stop();
  }
});

async function askedId2(app: TestApp, code: string): Promise<string> {
  const reply = await new Phone(app, '203.0.113.4').api('POST', `/api/events/${code}/questions`, {
    text: pensions,
    anyway: true,
  });
  assert.equal(reply.status, 201, reply.body);
  return reply.json<{ question: string }>().question;
}
