// Issue 10: an organiser chooses which emails she gets about her own petitions and events, on a page that works
// without JavaScript; each email carries a link that stops its kind without logging in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, addMember, createAdmin, startTestApp, testPassword, type TestApp } from './support.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { notifyOrganisers } from '../../src/jobs/notify-organisers.ts';
import { sendMail } from '../../src/jobs/send-mail.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { listOutbox, outboxDir } from '../../src/mail/outbox.ts';
import { unsubscribeKey, unsubscribeToken } from '../../src/crypto/unsubscribe-token.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let admin: Actor;

before(async () => {
  t = await startTestApp({ VECHE_RATE_LIMITS: 'off', VECHE_POW_MAX: '0' });
  admin = await createAdmin(t.app, 'ada');
});
after(() => t.stop());

/** signIn makes an organiser and logs her in from a browser of her own. */
async function signIn(login: string): Promise<{ browser: Browser; actor: Actor }> {
  const actor = await addMember(t.app, admin, 'organiser', login);
  const browser = new Browser(t.server);
  await browser.get('/login');
  assert.equal((await browser.post('/login', { login, password: testPassword })).status, 303);
  return { browser, actor };
}

const checked = (body: string, name: string) =>
  new RegExp(`<input type="checkbox" id="${name}" name="${name}" value="on" checked>`).test(body);
const summaryOf = (body: string) =>
  /<div class="error-summary" role="alert" tabindex="-1" autofocus>([\s\S]*?)<\/div>/.exec(body)?.[1] ?? '';

test('the settings page works without JavaScript: goal emails on and the summary off at first; a new address needs the password; errors are named and input kept', async () => {
  const { browser } = await signIn('kateryna');
  const home = await browser.get('/admin');
  assert.match(home.body, /<a href="\/admin\/notifications">Email notifications<\/a>/);
  const page = await browser.get('/admin/notifications');
  assert.equal(page.status, 200);
  assert.equal(page.headers['cache-control'], 'no-store');
  assert.ok(
    checked(page.body, 'goal') && !checked(page.body, 'summary') && !checked(page.body, 'questions'),
    'the defaults',
  );
  assert.match(page.body, /No address is saved, so you get no email\./);
  assert.match(page.body, /every day at 08:00 \(UTC\)/, 'the summary says when it comes');

  const noPassword = await browser.post('/admin/notifications', {
    email: 'kateryna@example.org',
    goal: 'on',
    summary: 'on',
  });
  assert.equal(noPassword.status, 422);
  assert.match(summaryOf(noPassword.body), /<a href="#password">Your password: Please fill this in\.<\/a>/);
  assert.match(noPassword.body, /value="kateryna@example.org"/, 'the address is kept');
  assert.ok(checked(noPassword.body, 'summary'), 'the boxes are kept');

  const wrong = await browser.post('/admin/notifications', {
    email: 'kateryna@example.org',
    goal: 'on',
    password: 'not my password',
  });
  assert.equal(wrong.status, 422);
  assert.match(summaryOf(wrong.body), /href="#password">Your password: /);
  const notAnAddress = await browser.post('/admin/notifications', {
    email: 'kateryna at example',
    password: testPassword,
  });
  assert.equal(notAnAddress.status, 422);
  assert.match(summaryOf(notAnAddress.body), /href="#email">Your email address: /);
  assert.equal(
    (await browser.get('/admin/notifications')).body.includes('kateryna@example.org'),
    false,
    'nothing was saved',
  );

  const saved = await browser.post('/admin/notifications', {
    email: 'kateryna@example.org',
    goal: 'on',
    summary: 'on',
    password: testPassword,
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.location, '/admin/notifications?done=saved');
  const after = await browser.get(saved.location!);
  assert.match(after.body, /Saved\./);
  assert.match(after.body, /value="kateryna@example.org"/);
  assert.ok(checked(after.body, 'goal') && checked(after.body, 'summary') && !checked(after.body, 'questions'));
  const boxesOnly = await browser.post('/admin/notifications', { email: 'Kateryna@Example.org', questions: 'on' });
  assert.equal(boxesOnly.status, 303, 'the same address, written otherwise, and the boxes: no password');
  assert.ok(checked((await browser.get('/admin/notifications')).body, 'questions'));
});

test('an address at a mail service that hands mail to the state: the form warns and asks; kept anyway, the page goes on saying so', async () => {
  const { browser } = await signIn('olena');
  await browser.get('/admin/notifications');
  const warned = await browser.post('/admin/notifications', {
    email: 'olena@mail.ru',
    goal: 'on',
    password: testPassword,
  });
  assert.equal(warned.status, 422);
  assert.match(warned.body, /<div class="provider-warning" id="provider-warning" role="alert" tabindex="-1" autofocus/);
  assert.match(
    warned.body,
    /Your address is at mail\.ru, a Russian mail service\. [^<]*which petitions and events you run/,
  );
  assert.match(warned.body, /name="emailAnyway"/);
  assert.match(warned.body, /value="olena@mail.ru"/);
  const kept = await browser.post('/admin/notifications', {
    email: 'olena@mail.ru',
    emailAnyway: 'on',
    goal: 'on',
    password: testPassword,
  });
  assert.equal(kept.status, 303);
  const page = await browser.get('/admin/notifications');
  assert.match(
    page.body,
    /<div class="provider-warning" id="provider-warning" +data-text=/,
    'shown, without taking the focus',
  );
  assert.match(page.body, /Your address is at mail\.ru/);
  assert.doesNotMatch(page.body, /name="emailAnyway"/);
});

test('a goal reached is written once, to her address, naming nobody who signed; its link stops goal emails without a login, after asking', async () => {
  const { browser, actor } = await signIn('iryna');
  await browser.get('/admin/notifications');
  await browser.post('/admin/notifications', {
    email: 'iryna@example.org',
    goal: 'on',
    summary: 'on',
    password: testPassword,
  });
  const petition = await savePetitionDraft(t.app, actor, {
    title: 'Bring the 205th brigade home',
    body: 'A year of service, then rotation home.',
    addressee: 'The Minister of Defence',
    language: 'en',
    confirmation: 'none',
    goal: '2',
  });
  await publishPetition(t.app, actor, petition);
  for (const name of ['Anna Kovalenko', 'Olga Shevchuk']) await signPetition(t.app, petition, { name }, 'en');
  const first = await notifyOrganisers(t.app);
  assert.equal(first.goal, 1);
  assert.equal((await notifyOrganisers(t.app)).goal, 0, 'once');
  // Her summary is due too (the site's day is past 08:00 whenever this runs): two emails.
  assert.equal(await sendMail(t.app, createMailer(t.app.config), { warn() {} }), 1 + first.summary);

  const files = listOutbox(t.app.config);
  assert.ok(
    files.every((f) => f.kind === 'note'),
    'the outbox keeps them an hour, as any note',
  );
  const emails = files.map((f) => readFileSync(join(outboxDir(t.app.config), f.name), 'utf8').replace(/=\r?\n/g, ''));
  const eml = emails.find((e) => /Subject: A petition of yours reached its goal/.test(e)) ?? '';
  assert.match(eml, /Subject: A petition of yours reached its goal/);
  assert.match(eml, /Bring the 205th brigade home/);
  assert.doesNotMatch(eml, /Anna|Olga|Kovalenko|Shevchuk/);
  const link = /https?:\/\/[^\s]+\/unsubscribe\/([A-Za-z0-9_-]{43})/.exec(eml);
  assert.ok(link, 'the email has its unsubscribe link');
  const headers = eml.slice(0, eml.indexOf('\n\n')).replace(/\r?\n[ \t]+/g, ' ');
  assert.match(
    headers,
    new RegExp(`^List-Unsubscribe: <https?://[^>]+/unsubscribe/${link[1]}>$`, 'm'),
    'and in the header mail clients offer as a button',
  );
  assert.match(
    headers,
    /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m,
    'which may press it for her (RFC 8058)',
  );

  const stranger = new Browser(t.server);
  const ask = await stranger.get(`/unsubscribe/${link[1]}`);
  assert.equal(ask.status, 200);
  assert.equal(ask.headers['cache-control'], 'no-store');
  assert.match(ask.body, /Stop the emails that say a petition of yours reached its goal\?/);
  assert.ok(
    checked((await browser.get('/admin/notifications')).body, 'goal'),
    'opening the link (a mail scanner does) changes nothing',
  );
  const done = await stranger.post(`/unsubscribe/${link[1]}`);
  assert.equal(done.status, 200);
  assert.equal(done.headers['cache-control'], 'no-store');
  assert.match(done.body, /You will get no more of these emails/);
  const settings = (await browser.get('/admin/notifications')).body;
  assert.ok(!checked(settings, 'goal') && checked(settings, 'summary'), 'goal emails off; the summary stays');
  assert.equal((await stranger.post(`/unsubscribe/${link[1]}`)).status, 200, 'a second press is harmless');

  const forged = `${link[1].slice(0, 20)}${link[1][20] === 'A' ? 'B' : 'A'}${link[1].slice(21)}`;
  assert.equal((await stranger.get(`/unsubscribe/${forged}`)).status, 404, 'a changed link is not one');
  assert.equal((await stranger.post(`/unsubscribe/${forged}`)).status, 404);
});

test("a mail service's one-click unsubscribe (RFC 8058) works from its own server: no cookie, no Origin, no form token", async () => {
  const { browser, actor } = await signIn('halyna');
  await browser.get('/admin/notifications');
  await browser.post('/admin/notifications', {
    email: 'halyna@example.org',
    goal: 'on',
    summary: 'on',
    password: testPassword,
  });
  const key = unsubscribeKey(t.app.secrets.hashing);
  const oneClick = (kind: 'goal' | 'summary', payload: string, type: string) =>
    t.server.inject({
      method: 'POST',
      url: `/unsubscribe/${unsubscribeToken(key, actor.id, kind)}`,
      headers: { 'content-type': type },
      payload,
    });
  const encoded = await oneClick('summary', 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded');
  assert.equal(encoded.statusCode, 200, encoded.body);
  const boundary = 'b0undary';
  const multipart = await oneClick(
    'goal',
    `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    `multipart/form-data; boundary=${boundary}`,
  );
  assert.equal(multipart.statusCode, 200, multipart.body);
  const settings = (await browser.get('/admin/notifications')).body;
  assert.ok(!checked(settings, 'goal') && !checked(settings, 'summary'), 'both kinds are off');

  const other = await oneClick('goal', 'name=Halyna', 'application/x-www-form-urlencoded');
  assert.equal(other.statusCode, 422, 'a field it does not know is refused, as on any form');
  const cross = await t.server.inject({
    method: 'POST',
    url: '/admin/notifications',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'goal=on',
  });
  assert.equal(cross.statusCode, 403, 'every other form still needs its token or a same-origin browser');
});
