import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, addMember, createAdmin, logIn, startTestApp, type TestApp } from './support.ts';
import { closeEvent } from '../../src/actions/close-event.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { findEventByCode } from '../../src/store/events.ts';
import { epochToLocalInput } from '../../src/domain/zoned-time.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let olga: Actor;
let olgas: Browser;
let codes: { running: string; past: string; unlisted: string };

const hour = 3_600_000;
const zone = 'Europe/Kiev';
const local = (ms: number) => epochToLocalInput(Date.now() + ms, zone);
const secretTitle = 'Закрита зустріч дружин мобілізованих з волонтерами';

/** event is a valid event form in Kyiv's zone, from `from` to `to` hours from now, listed unless told. */
function event(
  title: string,
  from: number,
  to: number,
  change: Record<string, string | undefined> = {},
): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    title,
    addressee: 'Обласна військова адміністрація',
    description: '',
    language: 'uk',
    timeZone: zone,
    startsAt: local(from * hour),
    endsAt: local(to * hour),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '300',
    listed: 'on',
    ...change,
  };
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

const get = (url: string) => t.server.inject({ url });
const titles = (body: string) =>
  [...body.matchAll(/<h3><a href="\/e\/[A-Z0-9]+" id="event-[A-Z0-9]+" lang="[^"]+">([^<]+)<\/a><\/h3>/g)].map(
    (m) => m[1],
  );

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
  const admin = await createAdmin(t.app);
  olga = await addMember(t.app, admin, 'organiser', 'olga');
  // 40 events a day apart from tomorrow on, one under way, one that is over, and one not listed, under way.
  for (let i = 0; i < 40; i++)
    await createEvent(
      t.app,
      olga,
      event(`Зустріч із депутатом, день ${String(i + 1).padStart(2, '0')}`, 24 * (i + 1), 24 * (i + 1) + 2),
    );
  codes = {
    running: await createEvent(t.app, olga, event('Пряма лінія з губернатором', -1, 3)),
    past: await createEvent(t.app, olga, event('Минула зустріч про ротацію', -1, 3)),
    unlisted: await createEvent(t.app, olga, event(secretTitle, -1, 3, { listed: undefined })),
  };
  await closeEvent(t.app, olga, codes.past);
  olgas = await logIn(t.server, 'olga');
});
after(() => t.stop());

test('the list shows events under way or coming first, soonest first, then past ones, twenty a page', async () => {
  const first = await get('/events');
  assert.equal(first.statusCode, 200);
  const page1 = titles(first.body);
  assert.equal(page1.length, 20);
  assert.equal(page1[0], 'Пряма лінія з губернатором', 'the one under way comes first');
  assert.equal(page1[1], 'Зустріч із депутатом, день 01');
  assert.match(first.body, /<h2 id="current-h">Now and coming up<\/h2>/);
  assert.doesNotMatch(first.body, /Past events/, 'nothing past on the first page');
  assert.match(first.body, /Page 1 of 3/);
  assert.match(first.body, /<a href="\/events\?page=2" rel="next">/);
  const third = await get('/events?page=3');
  assert.deepEqual(titles(third.body), ['Зустріч із депутатом, день 40', 'Минула зустріч про ротацію']);
  assert.ok(
    third.body.indexOf('id="current-h"') < third.body.indexOf('id="past-h"'),
    'the current part, then the past part',
  );
  assert.match(
    third.body,
    /<span class="badge closed">Closed<\/span>[\s\S]*Минула зустріч про ротацію[\s\S]*See the questions and answers/,
  );
  assert.match(third.body, /<a href="\/events\?page=2" rel="prev">/);
  assert.doesNotMatch(third.body, /rel="next"/);
  const all = [...page1, ...titles((await get('/events?page=2')).body), ...titles(third.body)];
  assert.equal(new Set(all).size, 42, 'every listed event once, across the pages');
});

test('each event says who is asked, when in its own zone, its language and status, and links to join', async () => {
  const body = (await get('/events?lang=ru')).body;
  const item = body.slice(body.indexOf('<li>'), body.indexOf('</li>'));
  assert.match(item, /<span class="badge">Идёт приём вопросов<\/span>/);
  assert.match(
    item,
    new RegExp(`<a href="/e/${codes.running}" id="event-${codes.running}" lang="uk">Пряма лінія з губернатором</a>`),
  );
  assert.match(item, /Вопросы к: <span lang="uk">Обласна військова адміністрація<\/span>/);
  assert.match(item, /GMT\+[23] \(Europe\/Kyiv\)/, 'the time in the event’s zone, named');
  assert.match(item, /Язык: украинский/);
  assert.match(
    item,
    new RegExp(
      `<a href="/e/${codes.running}" aria-describedby="event-${codes.running}">Войти: задать вопрос и проголосовать</a>`,
    ),
  );
  const upcoming = (await get('/events?lang=uk')).body;
  assert.match(upcoming, /<span class="badge draft">Ще не почався, але питання вже приймають<\/span>/);
});

test('an unlisted event is never in the list, on any page, in any search, for anyone; its code still opens it', async () => {
  const pages = [];
  for (const url of [
    '/events',
    '/events?page=2',
    '/events?page=3',
    `/events?q=${encodeURIComponent('Закрита зустріч')}`,
    '/events?q=secret&page=1',
    '/events?lang=uk',
  ]) {
    pages.push((await get(url)).body);
    pages.push((await olgas.get(url)).body);
  }
  for (const body of pages) {
    assert.ok(!body.includes(secretTitle), 'the unlisted title is nowhere');
    assert.ok(!body.includes(codes.unlisted), 'nor its code');
  }
  assert.match(pages[6], /No event here matches “Закрита зустріч”/);
  await olgas.get('/events?lang=en');
  const own = await get(`/e/${codes.unlisted}`);
  assert.equal(own.statusCode, 200);
  assert.ok(own.body.includes(secretTitle));
});

test('a search finds events by title or addressee, whatever the case, and is kept from page to page', async () => {
  const found = await get(`/events?q=${encodeURIComponent('ПРЯМА лінія')}`);
  assert.deepEqual(titles(found.body), ['Пряма лінія з губернатором']);
  assert.match(found.body, /1 event found for “ПРЯМА лінія”/);
  assert.match(found.body, /<input id="q" name="q" type="search" value="ПРЯМА лінія"/);
  const byAddressee = await get(`/events?q=${encodeURIComponent('адміністрація')}&page=2`);
  assert.equal(titles(byAddressee.body).length, 20);
  assert.match(
    byAddressee.body,
    /<a href="\/events\?q=%D0%B0%D0%B4%D0%BC%D1%96%D0%BD%D1%96%D1%81%D1%82%D1%80%D0%B0%D1%86%D1%96%D1%8F&amp;page=3" rel="next">/,
  );
});

test('a bad page or search is named; a shared link with other parameters opens; a page past the end says so', async () => {
  for (const [url, field] of [
    ['/events?page=0', 'page'],
    ['/events?page=two', 'page'],
    [`/events?q=${'a'.repeat(201)}`, 'q'],
  ]) {
    const reply = await get(url);
    assert.equal(reply.statusCode, 422, url);
    assert.match(reply.body, new RegExp(`<strong>${field}</strong>`), url);
  }
  assert.equal((await get('/events?utm_source=telegram')).statusCode, 200);
  assert.match((await get('/events?page=9')).body, /There is nothing on this page/);
  const shared = (await get('/events?page=2&fbclid=x')).body;
  assert.match(shared, /<link rel="canonical" href="http:\/\/localhost:\d+\/events\?page=2">/);
});

test("the home page and every page's footer lead to the list of events and the about page", async () => {
  for (const url of ['/', '/privacy', '/events', `/e/${codes.running}`]) {
    const body = (await get(url)).body;
    assert.match(
      body,
      /<footer[\s\S]*<a href="\/events">Events<\/a>[\s\S]*<a href="\/about">About this site<\/a>/,
      url,
    );
  }
  const home = (await get('/')).body;
  assert.match(home, /<main[\s\S]*<a href="\/events">See the list of events<\/a>[\s\S]*<\/main>/);
  assert.match(home, /<main[\s\S]*<a href="\/about">How this site works, and who runs it<\/a>[\s\S]*<\/main>/);
});

test('the new-event form ticks "Show this event in the public list of events", and the organiser decides', async () => {
  const form = await olgas.get('/organiser/events/new');
  assert.match(form.body, /<input type="checkbox" id="listed" name="listed" value="on" checked/);
  assert.match(form.body, /Show this event in the public list of events/);
  assert.match(form.body, /the public record holds the code of every event/, 'an unlisted event is not called secret');
  const listed = await olgas.post('/organiser/events', event('Listed through the form', 2, 4));
  const listedCode = /^\/organiser\/events\/([A-Z0-9]+)\?done=created$/.exec(listed.location ?? '')![1];
  assert.equal(Number((await findEventByCode(t.app.store.db, listedCode))!.listed), 1);
  const unlisted = await olgas.post(
    '/organiser/events',
    event('Unlisted through the form', 2, 4, { listed: undefined }),
  );
  const unlistedCode = /^\/organiser\/events\/([A-Z0-9]+)\?done=created$/.exec(unlisted.location ?? '')![1];
  assert.equal(
    Number((await findEventByCode(t.app.store.db, unlistedCode))!.listed),
    0,
    'an unticked box is left out of the form: unlisted',
  );
  const mistaken = await olgas.post('/organiser/events', event('', 2, 4, { listed: undefined }));
  assert.equal(mistaken.status, 422);
  assert.match(mistaken.body, /<input type="checkbox" id="listed" name="listed"/);
  assert.doesNotMatch(mistaken.body, /id="listed" name="listed" value="on" checked/, 'an unticked box stays unticked');
  const odd = await olgas.post('/organiser/events', event('A listing that is no choice', 2, 4, { listed: 'maybe' }));
  assert.equal(odd.status, 422);
  assert.match(odd.body, /<a href="#listed">Show this event in the public list of events: /);
});

test('the organiser takes an event off the list and puts it back from its dashboard; the list follows within a second', async () => {
  const code = codes.running;
  const dashboard = await olgas.get(`/organiser/events/${code}`);
  assert.match(dashboard.body, /This event is shown in the public list of events\./);
  assert.match(
    dashboard.body,
    new RegExp(
      `<form method="post" action="/organiser/events/${code}/listing">[\\s\\S]*?name="listed" value="no"[\\s\\S]*?Take it off the list`,
    ),
  );
  assert.ok(titles((await get('/events')).body).includes('Пряма лінія з губернатором'));
  const off = await olgas.post(`/organiser/events/${code}/listing`, { listed: 'no' });
  assert.equal(off.status, 303);
  assert.equal(off.location, `/organiser/events/${code}?done=unlisted#listing`);
  assert.match(
    (await olgas.get(off.location!)).body,
    /The event is no longer in the public list of events\.[\s\S]*Show it in the list/,
  );
  await sleep(1100);
  assert.ok(!titles((await get('/events')).body).includes('Пряма лінія з губернатором'));
  assert.equal((await get(`/e/${code}`)).statusCode, 200, 'still open to whoever has the code');
  assert.equal((await olgas.post(`/organiser/events/${code}/listing`, { listed: 'yes' })).status, 303);
  await sleep(1100);
  assert.equal(titles((await get('/events')).body)[0], 'Пряма лінія з губернатором');
  const bad = await olgas.post(`/organiser/events/${code}/listing`, { listed: 'perhaps' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /<strong>listed<\/strong>/);
});
