// Issue 9, item 3: a link that leaves the site. The language switch, and every other link or redirect built from a
// request, must stay on this site whatever path the client sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startTestApp, createAdmin, addMember, type TestApp } from './support.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { sameOriginPath } from '../../src/web/view-context.ts';

let t: TestApp;
let origin: string;
let petition: string;
let code: string;

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0' });
  const admin = await createAdmin(t.app);
  const organiser = await addMember(t.app, admin, 'organiser', 'olena');
  petition = await savePetitionDraft(t.app, organiser, {
    title: 'Bring our men home',
    addressee: 'The Minister of Defence',
    language: 'en',
    confirmation: 'none',
    body: 'We ask for a fixed term of service and rotation home for every mobilised soldier.',
  });
  await publishPetition(t.app, organiser, petition);
  const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  code = await createEvent(t.app, organiser, {
    title: 'Town hall',
    addressee: 'The mayor',
    language: 'en',
    timeZone: 'UTC',
    moderation: 'after',
    anonymousAllowed: 'on',
    startsAt: minute(Date.now() - 3600_000),
    endsAt: minute(Date.now() + 86_400_000),
  });
  origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
});

after(() => t.stop());

/** rawGet sends a request line exactly as given, over a socket of its own: no client library tidies the path first. */
function rawGet(target: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/html\r\nConnection: close\r\n\r\n`,
      );
    });
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

/** linksOf lists every place a response sends a browser: Location, href, src and form actions. */
function linksOf(response: string): string[] {
  const links = [...response.matchAll(/\b(?:href|src|action)="([^"]*)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
  const location = /^location: (.*)$/im.exec(response.split('\r\n\r\n', 1)[0]);
  return location ? [...links, location[1].trim()] : links;
}

/** offSite lists the links that a browser would follow to a host that the path named. */
function offSite(response: string): string[] {
  return linksOf(response).filter((link) => {
    const resolved = new URL(link, `${origin}/some/page`);
    return resolved.host !== new URL(origin).host && /evil/i.test(resolved.host + link);
  });
}

const hostile = [
  '//evil.example/',
  '/\\evil.example/',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  '//evil.example/p/x',
  '///evil.example',
  '/\\/evil.example',
  '/%5C%5Cevil.example',
  '/./\\evil.example',
  '//evil.example/?lang=ru',
  '/e//evil.example',
  '//evil.example/record',
  '/%09/evil.example',
  '/p/%2F%2Fevil.example',
  '/e/%5Cevil.example/screen',
];

test('the 404 page for a path naming another host links only to this site, its language switch included', async () => {
  for (const target of hostile) {
    const response = await rawGet(target);
    const status = Number(/^HTTP\/1\.1 (\d+)/.exec(response)?.[1]);
    assert.ok(status >= 300 && status < 500, `${target}: ${status}`);
    assert.deepEqual(offSite(response), [], `${target} sends a browser off the site`);
    if (status === 404)
      assert.match(
        response,
        /href="\/[^/\\"][^"]*\?lang=(?:uk|ru|en)"/,
        `${target}: the language switch stays on a path of ours`,
      );
  }
});

test('pages reached through odd but matching paths keep their links and redirects on this site', async () => {
  const targets = [
    `/p/${petition}/`,
    `/record/`,
    `/e/${code.toLowerCase()}?x=//evil.example`,
    `/e/${code}/?lang=uk&next=//evil.example`,
    `/e?code=${code}`,
    `/e?code=//evil.example`,
    `/login?next=%2F%2Fevil.example`,
    `/?order=//evil.example`,
    `/p/${petition}?lang=ru&x=%5C%5Cevil.example`,
  ];
  for (const target of targets) {
    const response = await rawGet(target);
    assert.deepEqual(offSite(response), [], `${target} sends a browser off the site`);
  }
  const redirect = await rawGet(`/e/${code.toLowerCase()}?list=recent`);
  assert.match(
    redirect,
    new RegExp(`^location: /e/${code}\\?list=recent\\r$`, 'im'),
    "the event's one address keeps the query",
  );
});

test('sameOriginPath keeps a path on this site whatever it holds', () => {
  assert.equal(sameOriginPath('//evil.example/'), '/evil.example/');
  assert.equal(sameOriginPath('/\\evil.example/'), '/%5Cevil.example/');
  assert.equal(sameOriginPath('///\\\\evil'), '/%5C%5Cevil');
  assert.equal(sameOriginPath('/\t/evil.example'), '/%09/evil.example');
  assert.equal(sameOriginPath('/p/pAbc"><script>'), '/p/pAbc%22%3E%3Cscript%3E');
  assert.equal(sameOriginPath('javascript:alert(1)'), '/javascript:alert(1)');
  assert.equal(sameOriginPath('/p/pAbc123'), '/p/pAbc123');
  assert.equal(sameOriginPath('/e/Ёж'), '/e/%D0%81%D0%B6');
  for (const path of ['//a', '/\\a', '/%2F/a', '\\\\a', '/ /a', '/\u0000/a', '/\ud800/a']) {
    const resolved = new URL(sameOriginPath(path), 'https://veche.example/x/y');
    assert.equal(resolved.host, 'veche.example', path);
  }
});
