import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from './support.ts';

let t: TestApp;

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
});
after(() => t.stop());

test('a page in the language the browser asked for tells caches that it varies by language', async () => {
  for (const url of ['/', '/about', '/no-such-page', '/api/petitions']) {
    const reply = await t.server.inject({ url, headers: { 'accept-language': 'uk' } });
    assert.equal(reply.headers.vary, 'Accept-Language, Cookie', url);
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
