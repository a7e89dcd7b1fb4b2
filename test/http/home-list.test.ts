import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, createAdmin, addMember, type TestApp } from './support.ts';
import { petitionFields } from '../support/petitions.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import type { Actor } from '../../src/actions/context.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { closePetition } from '../../src/actions/close-petition.ts';

let t: TestApp;

/** openPetition writes and publishes a petition as the organiser would, and returns its public id. */
async function openPetition(app: TestApp['app'], organiser: Actor, change: Record<string, unknown>): Promise<string> {
  const id = await savePetitionDraft(app, organiser, petitionFields(change));
  await publishPetition(app, organiser, id);
  return id;
}

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
  const admin = await createAdmin(t.app);
  const organiser = await addMember(t.app, admin, 'organiser', 'olena');
  // 45 open petitions, one of them about the mobilised and signed most, and one closed.
  for (let i = 0; i < 44; i++)
    await openPetition(t.app, organiser, { title: `Repair the road number ${i + 1}`, addressee: 'The city council' });
  const husbands = await openPetition(t.app, organiser, {
    title: 'Верните наших мужей домой',
    addressee: 'Министерству обороны',
    language: 'ru',
  });
  for (let i = 0; i < 3; i++) await signPetition(t.app, husbands, { name: `Signer ${i}` }, 'ru');
  const closed = await openPetition(t.app, organiser, { title: 'A closed petition about the bridge' });
  await closePetition(t.app, organiser, closed);
});
after(() => t.stop());

const get = (url: string) => t.server.inject({ url });
const titles = (body: string) =>
  [...body.matchAll(/<h3><a href="\/p\/[^"]+" lang="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);

test('the list shows twenty petitions a page, the most signed first, with the way to the next page', async () => {
  const first = await get('/');
  assert.equal(first.statusCode, 200);
  assert.equal(titles(first.body).length, 20);
  assert.equal(titles(first.body)[0], 'Верните наших мужей домой');
  assert.match(first.body, /Page 1 of 3/);
  assert.match(first.body, /<a href="\/\?page=2" rel="next">/);
  const third = await get('/?page=3');
  assert.equal(titles(third.body).length, 5);
  assert.match(third.body, /<a href="\/\?page=2" rel="prev">/);
  assert.doesNotMatch(third.body, /rel="next"/);
  // No petition is shown twice or left out across the pages.
  const all = [...titles(first.body), ...titles((await get('/?page=2')).body), ...titles(third.body)];
  assert.equal(new Set(all).size, 45);
  assert.ok(!all.includes('A closed petition about the bridge'));
});

test('a search finds petitions by title or addressee, whatever the case or ё, and says how many', async () => {
  const found = await get(`/?q=${encodeURIComponent('МУЖЕЙ домой')}`);
  assert.deepEqual(titles(found.body), ['Верните наших мужей домой']);
  assert.match(found.body, /1 petition found for “МУЖЕЙ домой”/);
  assert.match(found.body, /<input id="q" name="q" type="search" value="МУЖЕЙ домой"/, 'the search stays in the box');
  const byAddressee = await get(`/?q=${encodeURIComponent('council')}&page=2`);
  assert.equal(titles(byAddressee.body).length, 20);
  assert.match(
    byAddressee.body,
    /<a href="\/\?q=council&amp;page=3" rel="next">/,
    'the search is kept from page to page',
  );
  const none = await get('/?q=zebra');
  assert.match(none.body, /No petition here matches “zebra”/);
  const closed = await get('/?order=closed&q=bridge');
  assert.deepEqual(titles(closed.body), ['A closed petition about the bridge']);
});

test('a bad tab, page or search is named; a shared link with other parameters still opens', async () => {
  for (const [url, field] of [
    ['/?order=oldest', 'order'],
    ['/?page=0', 'page'],
    ['/?page=two', 'page'],
    [`/?q=${'a'.repeat(201)}`, 'q'],
  ]) {
    const reply = await get(url);
    assert.equal(reply.statusCode, 422, url);
    assert.match(reply.body, new RegExp(`<strong>${field}</strong>`), url);
  }
  assert.equal((await get('/?utm_source=telegram&fbclid=x')).statusCode, 200);
  const beyond = await get('/?page=9');
  assert.equal(beyond.statusCode, 200);
  assert.match(beyond.body, /There is nothing on this page/);
});

test('a shared link to the list or the safety page previews with its title, description and canonical address', async () => {
  const home = (await get('/?page=2&utm_source=telegram')).body;
  assert.match(home, /<link rel="canonical" href="http:\/\/localhost:\d+\/\?page=2">/);
  assert.match(home, /<meta property="og:title" content="Petitions">/);
  assert.match(
    home,
    /<meta property="og:description" content="Petitions and open questions with a public, verifiable count">/,
  );
  const privacy = (await get('/privacy?lang=uk')).body;
  assert.match(privacy, /<meta property="og:locale" content="uk_UA">/);
  assert.match(privacy, /<meta property="og:url" content="http:\/\/localhost:\d+\/privacy">/);
});
