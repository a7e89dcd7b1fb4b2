// The admin's console of people (issue 9 and the later issue on the admin page): invitations restated, listed and
// revoked; accounts switched off and on; one-time password reset links; a lost phone's second factor reset; two-step
// sign-in required of everyone. Only admins may do any of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, addMember, createAdmin, logIn, startTestApp, testPassword, type TestApp } from './support.ts';
import {
  codeAt,
  hasSession,
  logInWithCode,
  secretOn,
  turnOnSecondFactor,
  useClock,
  type Clock,
} from './account-support.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let clock: Clock;
let admin: Actor;
let ada: Browser;

before(async () => {
  t = await startTestApp({ VECHE_RATE_LIMITS: 'off' });
  admin = await createAdmin(t.app, 'ada');
  clock = useClock(t.app);
  ada = await logIn(t.server, 'ada');
});
after(() => t.stop());

const idOf = async (login: string) =>
  (await t.app.store.db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;

test("an invitation asks for the admin's password, is restated with its role and expiry beside its link, listed until used, and can be revoked", async () => {
  const stolen = await ada.post('/admin/invitations', { role: 'admin' });
  assert.equal(
    stolen.status,
    422,
    'a session alone cannot invite: someone who took it would invite themselves an admin',
  );
  assert.match(stolen.body, /<a href="#password">/);
  const wrong = await ada.post('/admin/invitations', { role: 'admin', password: 'not my password' });
  assert.equal(wrong.status, 422);
  assert.equal(
    (await t.app.store.db.selectFrom('invitations').select('id').execute()).length,
    0,
    'no invitation was made',
  );
  const made = await ada.post('/admin/invitations', { role: 'moderator', password: testPassword });
  assert.equal(made.status, 200);
  assert.match(made.body, /<strong>Invitation link for a new account\. Role: moderator<\/strong>/);
  assert.match(made.body, /It works once, until [^<]+ UTC\./);
  const link = /<p class="secret">(http[^<]+\/join\/[\w-]+)<\/p>/.exec(made.body)?.[1];
  assert.ok(link);
  const people = await ada.get('/admin/people');
  const pending = /<h2>Invitations not used yet<\/h2>([\s\S]*?)<h2>/.exec(people.body)?.[1] ?? '';
  assert.match(
    pending,
    /<h3>Invitation for a new moderator<\/h3>\s*<dl class="facts">\s*<dt>Made by<\/dt><dd>Ada<\/dd>\s*<dt>Works until<\/dt><dd>[^<]+ UTC<\/dd>/,
    'role, who made it and until when',
  );
  const revoke = /action="(\/admin\/invitations\/\d+\/revoke)"/.exec(pending)?.[1];
  assert.ok(revoke);
  const path = new URL(link).pathname;
  assert.equal((await new Browser(t.server).get(path)).status, 200, 'the link works before');
  const revoked = await ada.post(revoke);
  assert.equal(revoked.status, 303);
  assert.match((await ada.get(revoked.location!)).body, /The invitation is revoked: its link no longer works\./);
  assert.equal((await new Browser(t.server).get(path)).status, 404, 'and not after');
  assert.equal((await ada.post(revoke)).status, 404, 'revoking twice finds nothing');
  assert.match((await ada.get('/admin/people')).body, /No open invitations\./);
});

test('a bad invitation form comes back with the message; the list shows each account, its role and two-step sign-in', async () => {
  const bad = await ada.post('/admin/invitations', { role: 'owner', password: testPassword });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /<a href="#role">Please choose one of the options offered\.<\/a>/);
  await addMember(t.app, admin, 'organiser', 'lesya');
  const page = await ada.get('/admin/people');
  assert.match(
    page.body,
    /<a href="\/admin\/people\/\d+">lesya<\/a> <span class="muted">\(lesya\)<\/span><\/h3>\s*<dl class="facts">\s*<dt>Role<\/dt><dd>organiser<\/dd>\s*<dt>Two-step sign-in<\/dt><dd>off<\/dd>\s*<dt>Account<\/dt><dd>active<\/dd>/,
  );
});

test("switching an account off asks for the admin's password, ends its sessions and stops its login; switching it on again", async () => {
  await addMember(t.app, admin, 'organiser', 'bohdan');
  const bohdan = await logIn(t.server, 'bohdan');
  const id = await idOf('bohdan');
  const person = await ada.get(`/admin/people/${id}`);
  assert.match(person.body, new RegExp(`href="/admin/people/${id}/disable"`));
  const confirm = await ada.get(`/admin/people/${id}/disable`);
  assert.match(confirm.body, /<h1>Switch off the account bohdan\?<\/h1>/);
  assert.match(confirm.body, /bohdan is logged out everywhere at once and can no longer log in\./);
  assert.match(confirm.body, /<button type="submit" class="danger">Switch off bohdan<\/button>/);

  const wrong = await ada.post(`/admin/people/${id}/disable`, { password: 'not my password' });
  assert.equal(wrong.status, 422);
  assert.match(wrong.body, /<a href="#password">This is not your password\. Please type it again\.<\/a>/);
  assert.equal((await bohdan.get('/admin')).status, 200, 'nothing happened yet');

  const done = await ada.post(`/admin/people/${id}/disable`, { password: testPassword });
  assert.equal(done.status, 303);
  assert.match((await ada.get(done.location!)).body, /The account is switched off and logged out everywhere\./);
  assert.equal((await bohdan.get('/admin')).location, '/login', 'his session ended');
  const login = new Browser(t.server);
  await login.get('/login');
  const refused = await login.post('/login', { login: 'bohdan', password: testPassword });
  assert.equal(refused.status, 422);
  assert.match(refused.body, /This account is switched off\. Ask an admin\./);
  assert.match((await ada.get('/admin/people')).body, /<span class="badge closed">switched off<\/span>/);

  // Switching it back on asks for the password too: a stolen session must not let back in an account taken away.
  assert.match((await ada.get(`/admin/people/${id}`)).body, new RegExp(`href="/admin/people/${id}/enable"`));
  assert.match((await ada.get(`/admin/people/${id}/enable`)).body, /<h1>Switch the account bohdan back on\?<\/h1>/);
  assert.equal((await ada.post(`/admin/people/${id}/enable`)).status, 422);
  assert.match((await ada.get('/admin/people')).body, /<span class="badge closed">switched off<\/span>/, 'still off');
  const enable = await ada.post(`/admin/people/${id}/enable`, { password: testPassword });
  assert.equal(enable.status, 303);
  await logIn(t.server, 'bohdan');
});

test('the last enabled admin cannot be switched off, and nobody can act on their own account from the console', async () => {
  const own = await idOf('ada');
  const page = await ada.get(`/admin/people/${own}`);
  assert.match(page.body, /This is your own account\./);
  assert.doesNotMatch(page.body, /\/disable"/);
  assert.equal((await ada.get(`/admin/people/${own}/disable`)).status, 403);
  assert.equal((await ada.post(`/admin/people/${own}/disable`, { password: testPassword })).status, 403);
  assert.equal((await ada.post(`/admin/people/${own}/reset-link`, { password: testPassword })).status, 403);

  await addMember(t.app, admin, 'admin', 'nadia');
  const nadia = await logIn(t.server, 'nadia');
  const disabledByNadia = await nadia.post(`/admin/people/${own}/disable`, { password: testPassword });
  assert.equal(disabledByNadia.status, 303, 'another admin may switch ada off while nadia remains');
  const nadiaId = await idOf('nadia');
  const personPage = await nadia.get(`/admin/people/${nadiaId}`);
  assert.doesNotMatch(personPage.body, /\/disable"/);
  await t.app.store.db.updateTable('accounts').set({ disabled_at: null }).where('id', '=', own).execute();
  ada = await logIn(t.server, 'ada');
});

test('a password reset link works once, for 24 hours, ends the sessions, and still asks for the second factor', async () => {
  await addMember(t.app, admin, 'organiser', 'roman');
  const roman = await logIn(t.server, 'roman');
  const { secret } = await turnOnSecondFactor(roman, clock);
  const id = await idOf('roman');
  const confirm = await ada.get(`/admin/people/${id}/reset-link`);
  assert.match(confirm.body, /Make a password reset link for roman\?/);
  const made = await ada.post(`/admin/people/${id}/reset-link`, { password: testPassword });
  assert.equal(made.status, 200);
  assert.match(made.body, /For roman\. It works once, until [^<]+ UTC\./);
  const link = new URL(/<p class="secret">(http[^<]+)<\/p>/.exec(made.body)![1]).pathname;

  const person = new Browser(t.server);
  const form = await person.get(link);
  assert.equal(form.status, 200);
  assert.match(form.body, /This link sets a new password for the account roman\./);
  const mismatch = await person.post(link, {
    newPassword: 'a brand new passphrase',
    newPasswordAgain: 'another passphrase',
  });
  assert.equal(mismatch.status, 422);
  assert.match(mismatch.body, /The two passwords are not the same/);
  assert.doesNotMatch(mismatch.body, /a brand new passphrase/);
  const set = await person.post(link, {
    newPassword: 'a brand new passphrase',
    newPasswordAgain: 'a brand new passphrase',
  });
  assert.equal(set.status, 303);
  assert.equal(set.location, '/login?done=reset');
  assert.match((await person.get(set.location!)).body, /Your new password is set\. Log in with it now\./);
  assert.equal((await roman.get('/admin')).location, '/login', 'his old sessions ended');
  assert.equal((await person.get(link)).status, 410, 'the link works once');
  assert.equal(
    (await person.post(link, { newPassword: 'a third passphrase!', newPasswordAgain: 'a third passphrase!' })).status,
    410,
  );

  const login = new Browser(t.server);
  await login.get('/login');
  const step = await login.post('/login', { login: 'roman', password: 'a brand new passphrase' });
  assert.equal(step.location, '/login/code', 'the second factor is still asked for');
  assert.equal(hasSession(login), false);
  assert.equal((await login.post('/login/code', { code: codeAt(secret, clock) })).status, 303);

  const second = await ada.post(`/admin/people/${id}/reset-link`, { password: testPassword });
  const late = new URL(/<p class="secret">(http[^<]+)<\/p>/.exec(second.body)![1]).pathname;
  const newest = await ada.post(`/admin/people/${id}/reset-link`, { password: testPassword });
  assert.equal((await person.get(late)).status, 404, 'a newer link replaces the older one');
  const current = new URL(/<p class="secret">(http[^<]+)<\/p>/.exec(newest.body)![1]).pathname;
  clock.advance(24 * 3_600_000 + 1);
  assert.equal((await person.get(current)).status, 410, 'after 24 hours it has expired');
  assert.equal((await person.get('/reset/made-up-token')).status, 404);
});

test('a lost phone: the admin resets the second factor, which logs the person out; they log in with the password and can set it up again', async () => {
  await addMember(t.app, admin, 'moderator', 'vira');
  const vira = await logIn(t.server, 'vira');
  const { secret } = await turnOnSecondFactor(vira, clock);
  const id = await idOf('vira');
  assert.match((await ada.get(`/admin/people/${id}`)).body, new RegExp(`href="/admin/people/${id}/reset-two-step"`));
  const done = await ada.post(`/admin/people/${id}/reset-two-step`, { password: testPassword });
  assert.equal(done.status, 303);
  assert.match(
    (await ada.get(done.location!)).body,
    /Two-step sign-in is reset and the account is logged out everywhere\./,
  );
  assert.equal((await vira.get('/admin')).location, '/login');
  const again = await logIn(t.server, 'vira');
  const fresh = secretOn(await again.get('/admin/two-step'));
  assert.notEqual(fresh, secret, 'a new key is made');
});

test('organisers and moderators get 403 on every admin page and action; anonymous visitors are sent to log in', async () => {
  await addMember(t.app, admin, 'organiser', 'orest');
  await addMember(t.app, admin, 'moderator', 'marta');
  const target = await idOf('lesya');
  const invitation = (await t.app.store.db.selectFrom('invitations').select('id').executeTakeFirstOrThrow()).id;
  const gets = [
    '/admin/people',
    `/admin/people/${target}`,
    `/admin/people/${target}/disable`,
    `/admin/people/${target}/reset-link`,
    `/admin/people/${target}/reset-two-step`,
    '/admin/people/two-step-rule/on',
    '/admin/people/two-step-rule/off',
  ];
  const posts = [
    '/admin/invitations',
    `/admin/invitations/${invitation}/revoke`,
    `/admin/people/${target}/enable`,
    `/admin/people/${target}/disable`,
    `/admin/people/${target}/reset-link`,
    `/admin/people/${target}/reset-two-step`,
    '/admin/people/two-step-rule/on',
    '/admin/people/two-step-rule/off',
  ];
  for (const login of ['orest', 'marta']) {
    const browser = await logIn(t.server, login);
    for (const path of gets) assert.equal((await browser.get(path)).status, 403, `${login} GET ${path}`);
    for (const path of posts)
      assert.equal(
        (
          await browser.post(
            path,
            path.endsWith('revoke') || path.endsWith('enable') ? {} : { password: testPassword, role: 'admin' },
          )
        ).status,
        403,
        `${login} POST ${path}`,
      );
  }
  const anonymous = new Browser(t.server);
  for (const path of gets) assert.equal((await anonymous.get(path)).location, '/login', `anonymous GET ${path}`);
});

test('the admin requires two-step sign-in only once she has it; then an account without it is sent to set it up and can do nothing else', async () => {
  const rulePage = await ada.get('/admin/people');
  assert.match(rulePage.body, /To require it of everyone, first turn it on for your own account\./);
  assert.equal((await ada.post('/admin/people/two-step-rule/on', { password: testPassword })).status, 409);

  await turnOnSecondFactor(ada, clock);
  await addMember(t.app, admin, 'organiser', 'sofia');
  const sofia = await logIn(t.server, 'sofia');
  assert.match((await ada.get('/admin/people')).body, /href="\/admin\/people\/two-step-rule\/on"/);
  assert.match(
    (await ada.get('/admin/people/two-step-rule/on')).body,
    /Everyone who has not set it up is logged out now\./,
  );
  const wrong = await ada.post('/admin/people/two-step-rule/on', { password: 'not my password' });
  assert.equal(wrong.status, 422);
  const on = await ada.post('/admin/people/two-step-rule/on', { password: testPassword });
  assert.equal(on.status, 303);
  assert.match((await ada.get(on.location!)).body, /Two-step sign-in is now required for every account\./);
  assert.equal((await ada.get('/admin')).status, 200, 'the admin, who has it, stays signed in');
  assert.equal((await sofia.get('/admin')).location, '/login', 'sofia, who has not, is logged out');

  const browser = new Browser(t.server);
  await browser.get('/login');
  const step = await browser.post('/login', { login: 'sofia', password: testPassword });
  assert.equal(step.location, '/login/enrol');
  assert.equal(hasSession(browser), false);
  for (const path of ['/admin', '/admin/petitions/new', '/organiser/events', '/admin/sessions']) {
    assert.equal((await browser.get(path)).location, '/login', `${path} is closed until she sets it up`);
  }
  const enrol = await browser.get('/login/enrol');
  assert.match(enrol.body, /An admin of this site asks every account to use two-step sign-in\./);
  assert.doesNotMatch(enrol.body, /name="password"/, 'she gave her password a moment ago');
  const secret = secretOn(enrol);
  const wrongCode = await browser.post('/login/enrol', { code: '000000' });
  assert.equal(wrongCode.status, 422);
  assert.equal(secretOn(wrongCode), secret);
  const done = await browser.post('/login/enrol', { code: codeAt(secret, clock) });
  assert.equal(done.status, 200);
  assert.match(done.body, /Save your recovery codes/);
  assert.match(done.body, /<span>Signed in as sofia<\/span>/, 'she is signed in now');
  assert.equal(hasSession(browser), true);
  assert.equal((await browser.get('/admin')).status, 200);

  const status = await browser.get('/admin/two-step');
  assert.match(status.body, /An admin requires two-step sign-in for every account, so it cannot be turned off\./);
  clock.advance(30_000);
  assert.equal(
    (await browser.post('/admin/two-step/off', { password: testPassword, code: codeAt(secret, clock) })).status,
    403,
  );

  const off = await ada.post('/admin/people/two-step-rule/off', { password: testPassword });
  assert.equal(off.status, 303);
  assert.match((await ada.get(off.location!)).body, /Two-step sign-in is no longer required\./);
  clock.advance(30_000);
  await logInWithCode(t.server, 'sofia', codeAt(secret, clock));
});
