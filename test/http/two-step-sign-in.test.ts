// Issue 9: organiser and moderator accounts get two-step sign-in with a TOTP app, recovery codes, and a session that
// starts only after the code. Each test here is one thing a person does, on one app with its clock in the test's hands.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, addMember, createAdmin, logIn, startTestApp, testPassword, type TestApp } from './support.ts';
import {
  codeAt,
  hasSession,
  logInWithCode,
  recoveryCodesOn,
  secretOn,
  turnOnSecondFactor,
  useClock,
  type Clock,
} from './account-support.ts';
import { openText } from '../../src/crypto/email-cipher.ts';
import { findAccountByLogin } from '../../src/store/accounts.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let clock: Clock;
let admin: Actor;

before(async () => {
  t = await startTestApp({ VECHE_RATE_LIMITS: 'off' });
  admin = await createAdmin(t.app, 'ada');
  clock = useClock(t.app);
});
after(() => t.stop());

test('setting up: the page shows a QR code and the key as text; a wrong code or password is refused by name, the code typed kept', async () => {
  await addMember(t.app, admin, 'organiser', 'olena');
  const olena = await logIn(t.server, 'olena');
  const page = await olena.get('/admin/two-step');
  assert.equal(page.status, 200);
  assert.match(page.body, /<svg role="img" aria-label="QR code to add this site to your authenticator app"/);
  const secret = secretOn(page);
  assert.equal(secret.length, 32, '160 bits in base32');
  assert.match(page.body, /The app will name the entry “localhost:3000”/);
  assert.equal(
    secretOn(await olena.get('/admin/two-step')),
    secret,
    'a reload shows the same key, so a phone that scanned it keeps working',
  );

  const stored = await findAccountByLogin(t.app.store.db, 'olena');
  assert.equal(stored?.totpSecretEnc, null, 'not on until a code proves the phone has it');
  assert.notEqual(stored?.totpPendingEnc, null);
  assert.ok(!stored!.totpPendingEnc!.includes(secret), 'the key is stored sealed');
  assert.equal(openText(t.app.secrets.encryption, stored!.totpPendingEnc!).split('\n')[1], secret);

  const wrongCode = await olena.post('/admin/two-step/enrol', { code: '000000', password: testPassword });
  assert.equal(wrongCode.status, 422);
  assert.match(wrongCode.body, /<a href="#code">This code is not right\./);
  assert.match(wrongCode.body, /id="code" name="code" type="text" autocomplete="one-time-code" value="000000"/);
  assert.equal(secretOn(wrongCode), secret, 'the same key is shown again');
  const wrongPassword = await olena.post('/admin/two-step/enrol', {
    code: codeAt(secret, clock),
    password: 'not my password',
  });
  assert.equal(wrongPassword.status, 422);
  assert.match(wrongPassword.body, /<a href="#password">This is not your password\. Please type it again\.<\/a>/);
  assert.doesNotMatch(wrongPassword.body, /value="not my password"/);
  const missing = await olena.post('/admin/two-step/enrol', { code: '', password: '', colour: 'red' });
  assert.equal(missing.status, 422);
  for (const field of ['code', 'password', 'colour']) assert.match(missing.body, new RegExp(`<a href="#${field}">`));
});

test('a key shown to another session (a thief who has her cookie, say) is replaced, so nobody else has the one she turns on', async () => {
  await addMember(t.app, admin, 'organiser', 'solomiya');
  const hers = await logIn(t.server, 'solomiya');
  const thief = await logIn(t.server, 'solomiya');
  const seenByThief = secretOn(await thief.get('/admin/two-step'));
  const shownToHer = secretOn(await hers.get('/admin/two-step'));
  assert.notEqual(shownToHer, seenByThief);
  const stale = await thief.post('/admin/two-step/enrol', { code: codeAt(seenByThief, clock), password: testPassword });
  assert.equal(stale.status, 409, 'the key the thief saw can no longer be turned on');
  assert.equal(secretOn(await hers.get('/admin/two-step')), shownToHer, 'her own reloads keep her key');
  const done = await hers.post('/admin/two-step/enrol', { code: codeAt(shownToHer, clock), password: testPassword });
  assert.equal(done.status, 200);
  clock.advance(30_000);
});

test('she turns it on, sees ten recovery codes once with a file to save, and the next login asks for a code', async () => {
  await addMember(t.app, admin, 'organiser', 'maria');
  const maria = await logIn(t.server, 'maria');
  const page = await maria.get('/admin/two-step');
  const secret = secretOn(page);
  const done = await maria.post('/admin/two-step/enrol', { code: codeAt(secret, clock), password: testPassword });
  assert.equal(done.status, 200);
  assert.match(done.body, /Two-step sign-in is on\./);
  const codes = recoveryCodesOn(done);
  assert.equal(new Set(codes).size, 10);
  const file = /download="recovery-codes\.txt" href="data:text\/plain;charset=utf-8,([^"]+)"/.exec(done.body)?.[1];
  assert.ok(file, 'a link saves the codes as a file, without a script');
  for (const code of codes) assert.ok(decodeURIComponent(file.replace(/&amp;/g, '&')).includes(code));
  assert.equal(recoveryCodesOn(await maria.get('/admin/two-step')).length, 0, 'the codes are not shown again');
  assert.match((await maria.get('/admin/two-step')).body, /You have 10 recovery codes left\./);
  const rows = await t.app.store.db.selectFrom('recovery_codes').select('code_hash').execute();
  assert.ok(
    rows.every((r) => !codes.some((c) => r.code_hash.includes(c))),
    'only keyed hashes are stored',
  );

  clock.advance(30_000);
  const browser = new Browser(t.server);
  await browser.get('/login');
  const first = await browser.post('/login', { login: 'maria', password: testPassword });
  assert.equal(first.status, 303);
  assert.equal(first.location, '/login/code');
  assert.equal(hasSession(browser), false, 'no session before the code');
  const stepCookie = [first.headers['set-cookie']].flat().find((c) => String(c).startsWith('veche_signin='));
  assert.match(String(stepCookie), /HttpOnly/);
  assert.match(String(stepCookie), /Max-Age=600/);
  assert.equal((await browser.get('/admin')).location, '/login', 'the password alone opens nothing');
  const codePage = await browser.get('/login/code');
  assert.equal(codePage.status, 200);
  assert.match(codePage.body, /Enter the code from your phone/);
  const wrong = await browser.post('/login/code', { code: '123 456' });
  assert.equal(wrong.status, 422);
  assert.match(wrong.body, /<a href="#code">This code is not right\./);
  const right = await browser.post('/login/code', { code: codeAt(secret, clock) });
  assert.equal(right.status, 303);
  assert.equal(right.location, '/admin');
  assert.equal(hasSession(browser), true);
  assert.equal(browser.cookies.has('veche_signin'), false, 'the step is over');
  assert.equal((await browser.get('/admin')).status, 200);
});

test('a code works once: sent again in the same 30 seconds, even by a second browser, it is refused', async () => {
  await addMember(t.app, admin, 'moderator', 'ivan');
  const { secret } = await turnOnSecondFactor(await logIn(t.server, 'ivan'), clock);
  const code = codeAt(secret, clock);
  await logInWithCode(t.server, 'ivan', code);
  const thief = new Browser(t.server);
  await thief.get('/login');
  await thief.post('/login', { login: 'ivan', password: testPassword });
  const replay = await thief.post('/login/code', { code });
  assert.equal(replay.status, 422);
  assert.match(replay.body, /This code was used already\. Wait for the app to show a new one/);
  assert.equal(hasSession(thief), false);
  clock.advance(30_000);
  assert.equal((await thief.post('/login/code', { code: codeAt(secret, clock) })).status, 303, 'the next code works');
});

test('a code from one step before or after is accepted (a phone clock a little off), two steps away is not', async () => {
  await addMember(t.app, admin, 'organiser', 'petro');
  const { secret } = await turnOnSecondFactor(await logIn(t.server, 'petro'), clock);
  clock.advance(60_000);
  const codeIn = (steps: number) => {
    clock.advance(steps * 30_000);
    const c = codeAt(secret, clock);
    clock.advance(-steps * 30_000);
    return c;
  };
  const signIn = async () => {
    const browser = new Browser(t.server);
    await browser.get('/login');
    await browser.post('/login', { login: 'petro', password: testPassword });
    return browser;
  };
  const behind = await signIn();
  assert.equal((await behind.post('/login/code', { code: codeIn(2) })).status, 422);
  assert.equal((await behind.post('/login/code', { code: codeIn(-2) })).status, 422);
  assert.equal((await behind.post('/login/code', { code: codeIn(-1) })).status, 303, 'a phone 30 seconds behind');
  const ahead = await signIn();
  assert.equal((await ahead.post('/login/code', { code: codeIn(1) })).status, 303, 'a phone 30 seconds ahead');
  clock.advance(60_000);
});

test('a recovery code works in place of a code, once; making new ones needs the password and ends the old ones', async () => {
  await addMember(t.app, admin, 'organiser', 'oksana');
  const oksana = await logIn(t.server, 'oksana');
  const { codes } = await turnOnSecondFactor(oksana, clock);
  const withRecovery = await logInWithCode(t.server, 'oksana', codes[0].toUpperCase().replace('-', ' '));
  const landing = await withRecovery.get('/admin/two-step?done=recovery-used');
  assert.match(landing.body, /You logged in with a recovery code\. It will not work again\. You have 9 left\./);

  const browser = new Browser(t.server);
  await browser.get('/login');
  await browser.post('/login', { login: 'oksana', password: testPassword });
  const again = await browser.post('/login/code', { code: codes[0] });
  assert.equal(again.status, 422, 'a used recovery code does not work twice');
  assert.match(again.body, /This code is not right/);

  const noPassword = await oksana.post('/admin/two-step/recovery-codes', { password: 'wrong password' });
  assert.equal(noPassword.status, 422);
  assert.match(noPassword.body, /<a href="#password">This is not your password\. Please type it again\.<\/a>/);
  const remade = await oksana.post('/admin/two-step/recovery-codes', { password: testPassword });
  assert.equal(remade.status, 200);
  assert.match(remade.body, /New recovery codes are made\. The old ones no longer work\./);
  const fresh = recoveryCodesOn(remade);
  assert.equal(fresh.length, 10);
  assert.equal((await browser.post('/login/code', { code: codes[1] })).status, 422, 'an old code stopped working');
  assert.equal((await browser.post('/login/code', { code: fresh[0] })).status, 303, 'a new one works');
});

test('wrong codes count against the login like wrong passwords: a stolen password buys five tries, not a million', async () => {
  await addMember(t.app, admin, 'organiser', 'taras');
  await turnOnSecondFactor(await logIn(t.server, 'taras'), clock);
  const browser = new Browser(t.server);
  await browser.get('/login');
  assert.equal((await browser.post('/login', { login: 'taras', password: testPassword })).status, 303);
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await browser.post('/login/code', { code: String(100000 + i) })).status);
  assert.deepEqual(statuses, [422, 422, 422, 422, 429], 'the password counted as the first try');
  const locked = await browser.post('/login/code', { code: '999999' });
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers['retry-after']) > 0);
  assert.match(locked.body, /logging in with it is paused/);
  clock.advance(20 * 60_000);
});

test('the step between password and code lasts ten minutes, then she must start again', async () => {
  await addMember(t.app, admin, 'organiser', 'halyna');
  const { secret } = await turnOnSecondFactor(await logIn(t.server, 'halyna'), clock);
  const browser = new Browser(t.server);
  await browser.get('/login');
  await browser.post('/login', { login: 'halyna', password: testPassword });
  clock.advance(10 * 60_000 + 1);
  const late = await browser.post('/login/code', { code: codeAt(secret, clock) });
  assert.equal(late.status, 410);
  assert.match(late.body, /Logging in took too long/);
  assert.equal(hasSession(browser), false);
  assert.equal((await browser.get('/login/code')).location, '/login');
});

test('someone with her session and her password still gets a few guesses at the code on the turn-off form, not a million', async () => {
  await addMember(t.app, admin, 'organiser', 'nina');
  const thief = await logIn(t.server, 'nina');
  await turnOnSecondFactor(thief, clock);
  const statuses = [];
  for (let i = 0; i < 6; i++)
    statuses.push(
      (await thief.post('/admin/two-step/off', { password: testPassword, code: String(200000 + i) })).status,
    );
  assert.deepEqual(
    statuses,
    [422, 422, 429, 429, 429, 429],
    'each try counts twice, the password and the code: the fifth count locks',
  );
  const locked = await thief.post('/admin/two-step/off', { password: testPassword, code: '123456' });
  assert.equal(locked.status, 429);
  assert.match(locked.body, /<a href="#code">There were too many wrong tries for this login\./);
  assert.ok(Number(locked.headers['retry-after']) >= 60);
  clock.advance(20 * 60_000);
});

test('turning it off needs the password and a current code; then the password alone signs in', async () => {
  await addMember(t.app, admin, 'organiser', 'yulia');
  const yulia = await logIn(t.server, 'yulia');
  const { secret } = await turnOnSecondFactor(yulia, clock);
  assert.match((await yulia.get('/admin/two-step/off')).body, /<form method="post" action="\/admin\/two-step\/off"/);
  const noCode = await yulia.post('/admin/two-step/off', { password: testPassword, code: '' });
  assert.equal(noCode.status, 422);
  assert.match(noCode.body, /<a href="#code">Please fill this in\.<\/a>/);
  const wrongCode = await yulia.post('/admin/two-step/off', { password: testPassword, code: '000000' });
  assert.equal(wrongCode.status, 422);
  const off = await yulia.post('/admin/two-step/off', { password: testPassword, code: codeAt(secret, clock) });
  assert.equal(off.status, 303);
  assert.equal(off.location, '/admin?done=two-step-off');
  assert.match((await yulia.get(off.location!)).body, /Two-step sign-in is off\./);
  clock.advance(30_000);
  await logIn(t.server, 'yulia');
  assert.equal((await findAccountByLogin(t.app.store.db, 'yulia'))?.totpLastStep, null);
});

test('pages of the sign-in steps cannot be reached without their step, and the login page points a forgetful person to the admin', async () => {
  const stranger = new Browser(t.server);
  assert.equal((await stranger.get('/login/code')).location, '/login');
  assert.equal((await stranger.get('/login/enrol')).location, '/login');
  assert.equal((await stranger.get('/admin/two-step')).location, '/login');
  await stranger.get('/login');
  assert.equal((await stranger.post('/login/code', { code: '123456' })).status, 410);
  assert.equal((await stranger.post('/login/enrol', { code: '123456' })).status, 410);
  assert.match(
    (await stranger.get('/login')).body,
    /Forgot your password\? Ask an admin of this site for a reset link\./,
  );
});
