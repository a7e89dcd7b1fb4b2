import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addMember, createAdmin, logIn, startTestApp, type Browser, type TestApp } from './support.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { petitionFields } from '../support/petitions.ts';

let t: TestApp;
let petition: string;
let olga: Browser;
const site = 'http://localhost:3000';

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off', VECHE_PUBLIC_URL: site });
  const admin = await createAdmin(t.app);
  const organiser = await addMember(t.app, admin, 'organiser', 'olga');
  petition = await savePetitionDraft(t.app, organiser, petitionFields());
  await publishPetition(t.app, organiser, petition);
  olga = await logIn(t.server, 'olga');
});
after(() => t.stop());

test('a page in the language the browser asked for tells caches that it varies by language', async () => {
  for (const url of ['/', '/about', '/no-such-page', '/api/petitions/pNoSuchPetition1']) {
    const reply = await t.server.inject({ url, headers: { 'accept-language': 'uk' } });
    assert.equal(reply.headers.vary, 'Accept-Language, Cookie', url);
  }
  // What is the same in every language does not split a cache by language or cookie: assets, tiles, data.
  for (const url of ['/assets/site.css', '/log/checkpoint', '/api/petitions']) {
    const reply = await t.server.inject({ url, headers: { 'accept-language': 'uk' } });
    assert.equal(reply.statusCode, 200, url);
    assert.equal(reply.headers.vary, undefined, url);
  }
  // A language chosen in the address is the same for everyone who opens that address.
  const chosen = await t.server.inject({ url: '/?lang=ru', headers: { 'accept-language': 'uk' } });
  assert.equal(chosen.headers.vary, undefined);
  assert.match(chosen.body, /<html lang="ru"/);
});

test('robots.txt lets petitions and events be found, and keeps receipts, confirmations and accounts out', async () => {
  const reply = await t.server.inject({ url: '/robots.txt' });
  assert.equal(reply.statusCode, 200);
  assert.match(reply.headers['content-type'] as string, /^text\/plain/);
  const rules = reply.body.split('\n');
  assert.equal(rules[0], 'User-agent: *');
  for (const path of ['/receipt', '/confirm/', '/login', '/admin', '/organiser', '/moderate', '/api/']) {
    assert.ok(rules.includes(`Disallow: ${path}`), path);
  }
  for (const open of ['/p/', '/e/', '/events', '/record', '/audit', '/about', '/privacy']) {
    assert.ok(!rules.some((rule) => rule.startsWith('Disallow:') && open.startsWith(rule.slice(10))), open);
  }
});

// Issue 12: every page set a per-visitor form cookie, so no cache could keep a page for a crowd. A browser that sends
// fetch metadata (every current one) now gets no cookie; its form is trusted by the Sec-Fetch-Site it sends.
const navigate = { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

test('a current browser without cookies gets the public pages with no cookie, and a cache may keep them a second', async () => {
  for (const url of ['/', `/p/${petition}`, '/events', '/about']) {
    const reply = await t.server.inject({ url, headers: navigate });
    assert.equal(reply.statusCode, 200, url);
    assert.equal(reply.headers['set-cookie'], undefined, url);
    assert.equal(reply.headers['cache-control'], 'public, max-age=1, stale-while-revalidate=10', url);
  }
});

test('an old browser without fetch metadata still gets a form cookie and a token, and nothing is cached for it', async () => {
  const reply = await t.server.inject({ url: `/p/${petition}` });
  assert.match(String(reply.headers['set-cookie']), /veche_csrf=/);
  assert.equal(reply.headers['cache-control'], undefined);
  assert.match(reply.body, /name="_csrf" value="[A-Za-z0-9_-]{20,}"/);
  // A signed-in organiser's page is never marked public.
  const own = await olga.get(`/p/${petition}`, navigate);
  assert.equal(own.headers['cache-control'], undefined);
});

test('a form without a token is taken from this origin, and refused from anywhere else or from an old browser', async () => {
  const sign = (headers: Record<string, string>, name: string) =>
    t.server.inject({
      method: 'POST',
      url: `/p/${petition}/sign`,
      headers: { ...form, ...headers },
      payload: `name=${name}`,
    });
  assert.equal((await sign({ 'sec-fetch-site': 'same-origin' }, 'Anna')).statusCode, 303);
  assert.equal(
    (await sign({ origin: site }, 'Olena')).statusCode,
    303,
    'an Origin of this site, without fetch metadata',
  );
  for (const [label, headers] of [
    ['cross-site', { 'sec-fetch-site': 'cross-site', origin: site }],
    ['same-site', { 'sec-fetch-site': 'same-site' }],
    ['another origin', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['neither header', {}],
  ] as const) {
    const reply = await sign(headers, 'Mallory');
    assert.equal(reply.statusCode, 403, label);
    assert.ok(reply.body.includes('This form has expired'), label);
  }
  // A signed-in person's forms still need their token, whatever the browser says.
  const own = await olga.post(`/p/${petition}/sign`, { _csrf: '', name: 'Olga' }, { 'sec-fetch-site': 'same-origin' });
  assert.equal(own.status, 403);
});
