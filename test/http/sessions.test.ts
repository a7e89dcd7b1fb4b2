// A person sees where their account is logged in (browser, when, to the hour, never an address) and logs out one
// session, all the others, or all of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, addMember, createAdmin, startTestApp, testPassword, type TestApp } from './support.ts';
import { useClock, type Clock } from './account-support.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let clock: Clock;
let admin: Actor;

const firefoxOnAndroid = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';
const chromeOnWindows =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const safariOnIphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

before(async () => {
  t = await startTestApp({ VECHE_RATE_LIMITS: 'off' });
  admin = await createAdmin(t.app, 'ada');
  clock = useClock(t.app, Date.UTC(2026, 2, 12, 9, 41, 7));
});
after(() => t.stop());

/** signIn logs in from a browser that says what it is in its User-Agent, as each of her devices would. */
async function signIn(login: string, agent: string): Promise<Browser> {
  const browser = new Browser(t.server);
  await browser.get('/login', { 'user-agent': agent });
  const reply = await browser.post(
    '/login',
    { login, password: testPassword },
    { 'user-agent': agent, 'x-forwarded-for': '203.0.113.7' },
  );
  assert.equal(reply.status, 303);
  return browser;
}

/** rowsOf reads the sessions listed on the page, one line of text each. */
function rowsOf(body: string): string[] {
  const list = /<ul class="card-list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
    m[1]
      .replace(/<form[\s\S]*?<\/form>/g, '[form]')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

test('the list names each browser coarsely, marks this one, keeps times to the hour and shows no address', async () => {
  await addMember(t.app, admin, 'organiser', 'kateryna');
  const phone = await signIn('kateryna', firefoxOnAndroid);
  clock.advance(2 * 3_600_000);
  await signIn('kateryna', chromeOnWindows);
  const page = await phone.get('/admin/sessions', { 'user-agent': firefoxOnAndroid });
  assert.equal(page.status, 200);
  const rows = rowsOf(page.body);
  assert.equal(rows.length, 3, 'the phone, the laptop, and the session that joined by invitation');
  assert.match(rows.join('\n'), /Unknown browser/);
  assert.match(rows.join('\n'), /Chrome on Windows/);
  assert.match(rows.find((r) => r.includes('Firefox on Android'))!, /<span class="badge">this browser<\/span>/);
  assert.match(page.body, /Times are rounded to the hour, in UTC\./);
  assert.match(rows.join('\n'), /9:00 AM UTC/, 'the phone logged in at 9:41, shown as 9:00');
  assert.doesNotMatch(page.body, /9:41|203\.0\.113\.7|127\.0\.0\.1/);
  const stored = await t.app.store.db.selectFrom('sessions').selectAll().execute();
  for (const row of stored) {
    assert.equal(Number(row.created_at) % 3_600_000, 0, 'the start is kept to the hour');
    assert.equal(Number(row.last_used_at) % 3_600_000, 0);
    assert.equal(Number(row.expires_at) % 3_600_000, 0, 'so is the end, which would give the start away');
    assert.doesNotMatch(JSON.stringify(row), /203\.0\.113|127\.0\.0|Gecko|Mozilla/);
  }
  assert.match(page.body, /Log out the 2 other sessions/);
});

test('last use moves on by the hour, written once an hour at most', async () => {
  clock.advance(3_600_000 - (clock.now() % 3_600_000) + 5 * 60_000);
  await addMember(t.app, admin, 'organiser', 'iryna');
  const phone = await signIn('iryna', safariOnIphone);
  const hourOf = async () =>
    (
      await t.app.store.db
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
        .select('sessions.last_used_at')
        .where('accounts.login', '=', 'iryna')
        .where('sessions.browser', '=', 'Safari|iOS')
        .executeTakeFirstOrThrow()
    ).last_used_at;
  const first = Number(await hourOf());
  clock.advance(20 * 60_000);
  await phone.get('/admin');
  assert.equal(Number(await hourOf()), first);
  clock.advance(60 * 60_000);
  await phone.get('/admin');
  assert.equal(Number(await hourOf()), first + 3_600_000);
  assert.match(rowsOf((await phone.get('/admin/sessions')).body)[0], /Safari on iOS/, 'the most recently used first');
});

test('she logs out one other session, then all others; then everywhere, this browser too', async () => {
  await addMember(t.app, admin, 'moderator', 'larysa');
  const laptop = await signIn('larysa', chromeOnWindows);
  const phone = await signIn('larysa', firefoxOnAndroid);
  const tablet = await signIn('larysa', safariOnIphone);
  const page = await laptop.get('/admin/sessions');
  const phoneRow = rowsOf(page.body).find((r) => r.includes('Firefox on Android'))!;
  assert.ok(phoneRow);
  const endPhone = /<h2>Firefox on Android<\/h2>[\s\S]*?action="(\/admin\/sessions\/\w+\/end)"/.exec(page.body)![1];
  const ended = await laptop.post(endPhone);
  assert.equal(ended.status, 303);
  assert.match((await laptop.get(ended.location!)).body, /That session is logged out\./);
  assert.equal((await phone.get('/admin')).location, '/login');
  assert.equal((await tablet.get('/admin')).status, 200);

  const fresh = await signIn('larysa', firefoxOnAndroid);
  await laptop.get('/admin/sessions');
  const others = await laptop.post('/admin/sessions/end-others');
  assert.equal(others.status, 303);
  assert.match((await laptop.get(others.location!)).body, /All your other sessions are logged out\./);
  assert.equal((await tablet.get('/admin')).location, '/login');
  assert.equal((await fresh.get('/admin')).location, '/login');
  assert.equal(rowsOf((await laptop.get('/admin/sessions')).body).length, 1);

  const again = await signIn('larysa', safariOnIphone);
  await laptop.get('/admin/sessions');
  const everywhere = await laptop.post('/admin/sessions/end-all');
  assert.equal(everywhere.status, 303);
  assert.equal(everywhere.location, '/login?done=everywhere');
  assert.equal(laptop.cookies.has('veche_session'), false);
  assert.match((await laptop.get(everywhere.location!)).body, /You are logged out everywhere, on this device too\./);
  assert.equal((await again.get('/admin')).location, '/login');
});

test('logging out this session from the list ends it here; a session of someone else cannot be ended', async () => {
  await addMember(t.app, admin, 'organiser', 'zoya');
  await addMember(t.app, admin, 'organiser', 'marko');
  const zoya = await signIn('zoya', chromeOnWindows);
  const marko = await signIn('marko', firefoxOnAndroid);
  const markoPage = await marko.get('/admin/sessions');
  const markoSession = /this browser<\/span><\/h2>[\s\S]*?action="(\/admin\/sessions\/\w+\/end)"/.exec(
    markoPage.body,
  )![1];
  await zoya.get('/admin/sessions');
  assert.equal((await zoya.post(markoSession)).status, 404);
  assert.equal((await marko.get('/admin')).status, 200, 'marko is still logged in');
  const own = await marko.post(markoSession);
  assert.equal(own.location, '/login');
  assert.equal((await marko.get('/admin')).location, '/login');
  assert.equal(
    (await zoya.post('/admin/sessions/end-all', { extra: '1' })).status,
    422,
    'a button form takes no fields',
  );
  assert.equal((await zoya.get('/admin')).status, 200);
});

test('changing the password ends the other sessions and says so', async () => {
  await addMember(t.app, admin, 'organiser', 'danylo');
  const laptop = await signIn('danylo', chromeOnWindows);
  const phone = await signIn('danylo', firefoxOnAndroid);
  await laptop.get('/admin/password');
  const changed = await laptop.post('/admin/password', {
    currentPassword: testPassword,
    newPassword: 'a different passphrase',
    newPasswordAgain: 'a different passphrase',
  });
  assert.equal(changed.status, 200);
  assert.match(changed.body, /Your other sessions have been logged out\./);
  assert.equal((await phone.get('/admin')).location, '/login');
  assert.equal(rowsOf((await laptop.get('/admin/sessions')).body).length, 1);
});
