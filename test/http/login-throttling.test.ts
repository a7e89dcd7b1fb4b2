// Issue 9, item 5: login had no limit, and each attempt ran scrypt on the thread pool email signing shares. These
// tests show that password hashes go one at a time with a bounded line, and that a login is throttled per account
// and per address before any hash runs, with an answer that names when to try again and never tells whether the
// login exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, createAdmin, startTestApp, testPassword, type Reply, type TestApp } from './support.ts';
import { useClock, type Clock } from './account-support.ts';
import { passwordQueue, scryptCounts } from '../../src/crypto/passwords.ts';
import { signInLimits } from '../../src/web/routes/account-replies.ts';

let t: TestApp;
let clock: Clock;

before(async () => {
  t = await startTestApp({ VECHE_RATE_LIMITS: 'off' });
  await createAdmin(t.app, 'ada');
  clock = useClock(t.app);
});
after(() => t.stop());

async function attempt(login: string, password: string, browser = new Browser(t.server)): Promise<Reply> {
  if (!browser.csrf) await browser.get('/login');
  return browser.post('/login', { login, password });
}

/** wait reads the sentence of a throttled login page that says how long to wait, the time left out. */
function waitSentence(reply: Reply): string {
  const sentence = /<div class="error-summary" role="alert"><h2>[^<]+<\/h2><p>([^<]+)<\/p>/.exec(reply.body)?.[1];
  assert.ok(sentence, 'the page says why and until when');
  return sentence.replace(/\(until [^)]+\)/, '(until …)');
}

test('twenty logins in flight at once: one password hash runs at a time, the overflow is told to come back in seconds', async () => {
  const browser = new Browser(t.server);
  await browser.get('/login');
  const before = { ...scryptCounts };
  scryptCounts.peak = 0;
  // Twenty different logins, none of them real: each is hashed against the stand-in hash, as a real one would be.
  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) => browser.post('/login', { login: `guess${i}`, password: 'wrong password' })),
  );
  const statuses = replies.map((r) => r.status);

  assert.equal(scryptCounts.peak, 1, 'never more than one password scrypt at once');
  assert.equal(scryptCounts.done - before.done, 9, 'one ran and eight waited; the others were not hashed at all');
  assert.deepEqual(statuses.filter((s) => s === 422).length, 9, 'the nine checked get "wrong login or password"');
  const refused = replies.filter((r) => r.status === 429);
  assert.equal(refused.length, 11, `the rest are refused: ${statuses.join(' ')}`);
  for (const reply of refused) {
    assert.equal(reply.headers['retry-after'], '5');
    assert.match(reply.body, /checking many logins right now\. Please wait a few seconds/);
    assert.match(reply.body, /<form method="post" action="\/login"/, 'the form is there to send again');
  }
  assert.ok(statuses.every((s) => s < 500));
  assert.deepEqual(passwordQueue.stats().running, 0);
});

test('five wrong passwords lock the login for a minute; the sixth is refused before any hash, even with the right password', async () => {
  for (let i = 1; i <= 5; i++) assert.equal((await attempt('ada', `wrong ${i}`)).status, 422, `attempt ${i}`);
  const hashed = scryptCounts.done;
  const locked = await attempt('ada', testPassword);
  assert.equal(locked.status, 429);
  assert.equal(scryptCounts.done, hashed, 'no password was hashed for a locked login');
  assert.equal(locked.headers['retry-after'], '60');
  assert.match(locked.body, /logging in with it is paused for 1 minute \(until [^)]+ UTC\)/);
  assert.match(locked.body, /value="ada"/, 'the login typed is kept; the password is not');

  clock.advance(61_000);
  assert.equal((await attempt('ada', 'wrong again')).status, 422, 'after the minute, one more try is checked');
  const longer = await attempt('ada', testPassword);
  assert.equal(longer.status, 429);
  assert.equal(longer.headers['retry-after'], '120', 'and the next lock is twice as long');

  clock.advance(121_000);
  const right = await attempt('ada', testPassword);
  assert.equal(right.status, 303, 'the right password after the lock signs in');
  for (let i = 1; i <= 4; i++)
    assert.equal((await attempt('ada', `wrong ${i}`)).status, 422, 'a success cleared the count');
  clock.advance(0);
  assert.equal((await attempt('ada', testPassword)).status, 303, 'the fifth try is still checked, and right');
});

test('a login that does not exist is counted and locked exactly like one that does: the answers cannot tell them apart', async () => {
  const answers = async (login: string) => {
    const replies: Reply[] = [];
    for (let i = 1; i <= 6; i++) replies.push(await attempt(login, `wrong ${i}`));
    return replies;
  };
  clock.advance(3_600_000);
  const real = await answers('ada');
  const unknown = await answers('nobody-here');
  assert.deepEqual(
    unknown.map((r) => r.status),
    real.map((r) => r.status),
  );
  assert.deepEqual(
    unknown.map((r) => r.headers['retry-after']),
    real.map((r) => r.headers['retry-after']),
  );
  assert.equal(waitSentence(unknown[5]), waitSentence(real[5]));
  assert.equal(
    unknown[0].body.replace(/nobody-here/g, 'ada').replace(/value="[^"]{40,}"/g, ''),
    real[0].body.replace(/value="[^"]{40,}"/g, ''),
  );
  assert.equal((await attempt('Ada', testPassword)).status, 429, 'the count is per login whatever its case');
  clock.advance(60_000);
});

test('one address that tries too many logins is refused for ten minutes, before the form is even read', async () => {
  const limited = await startTestApp();
  try {
    await createAdmin(limited.app, 'ada');
    const browser = new Browser(limited.server);
    await browser.get('/login');
    const hashed = scryptCounts.done;
    for (let i = 0; i < signInLimits.password; i++) {
      assert.equal(
        (await browser.post('/login', { login: `someone${i}` })).status,
        422,
        'no password: refused by the form',
      );
    }
    const refused = await browser.post('/login', { login: 'ada', password: testPassword });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['retry-after'], '600');
    assert.match(refused.body, /too many login tries from your connection\. Please wait ten minutes/);
    assert.equal(scryptCounts.done, hashed);
    const code = await browser.post('/login/code', { code: '123456' });
    assert.notEqual(code.status, 429, 'the code step counts on its own');
  } finally {
    await limited.stop();
  }
});
