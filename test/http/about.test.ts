import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, addMember, createAdmin, logIn, startTestApp, testPassword, type TestApp } from './support.ts';
import { readOperatorNote } from '../../src/store/site-operator.ts';

let t: TestApp;
let ada: Browser;
let olga: Browser;

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
  const admin = await createAdmin(t.app);
  await addMember(t.app, admin, 'organiser', 'olga');
  [ada, olga] = await Promise.all([logIn(t.server, 'ada'), logIn(t.server, 'olga')]);
});
after(() => t.stop());

const get = (url: string) => t.server.inject({ url });
const main = (body: string) => body.slice(body.indexOf('<main'), body.indexOf('</main>'));
const who = (body: string) =>
  body.slice(
    body.indexOf('<section class="card operator"'),
    body.indexOf('</section>', body.indexOf('<section class="card operator"')),
  );

/** save sends the admin's settings form with the admin's password, unless the fields say otherwise. */
const save = (fields: Record<string, string>) => ada.post('/admin/site', { password: testPassword, ...fields });

test('the about page says what the site is for, how signing and asking work, and how anyone can check, in three languages', async () => {
  const en = main((await get('/about')).body);
  for (const words of [
    /Veche is a place to put demands and questions/,
    /We send you a link, and your signature counts once you open it/,
    /You get a receipt/,
    /you can withdraw your signature/,
    /one vote for each question, and you can take it back/,
    /Moderators hide spam, abuse and personal data[^<]*in public/,
    /download the record and count for themselves/,
  ]) {
    assert.match(en, words);
  }
  assert.match(en, /<a href="\/record">How anyone can check the count<\/a>/);
  assert.match(en, /<a href="\/privacy">What this site keeps, and who could learn that you took part<\/a>/);
  assert.match(en, /<a href="\/events">See the list of events<\/a>/);
  assert.match(main((await get('/about?lang=ru')).body), /<h1>О сайте<\/h1>[\s\S]*Не верьте на слово — проверяйте/);
  assert.match(main((await get('/about?lang=uk')).body), /<h1>Про сайт<\/h1>[\s\S]*Не вірте на слово — перевіряйте/);
  assert.match((await get('/about')).body, /<link rel="canonical" href="http:\/\/localhost:\d+\/about">/);
});

test('until the admin writes who runs the site, the page says so plainly, and what that means for trust', async () => {
  const section = who((await get('/about')).body);
  assert.match(section, /<h2 id="who-h">Who runs this site<\/h2>/);
  assert.match(section, /The people who run this site have not yet said who they are\./);
  assert.match(section, /The counts can still be checked/);
  assert.match(who((await get('/about?lang=ru')).body), /Те, кто управляет этим сайтом, пока не сообщили, кто они\./);
  assert.match(who((await get('/about?lang=uk')).body), /Ті, хто керує цим сайтом, поки не повідомили, хто вони\./);
});

test('the admin writes who runs the site; the page shows it escaped, in paragraphs, the contact as a link', async () => {
  const form = await ada.get('/admin/site?lang=en');
  assert.equal(form.status, 200);
  assert.equal(form.headers['cache-control'], 'no-store');
  // Nothing about signers: the form has exactly these fields.
  const names = [
    ...form.body
      .slice(form.body.indexOf('action="/admin/site"'))
      .split('</form>')[0]
      .matchAll(/name="([^"]+)"/g),
  ].map((m) => m[1]);
  assert.deepEqual(names, ['_csrf', 'name', 'contact', 'about', 'password']);
  assert.match(form.body, /Write only what you are ready to make public/);
  const saved = await save({
    name: 'Совет матерей и жён <Тверь>',
    contact: 'sovet@example.org',
    about: 'Мы — матери и жёны мобилизованных.\n\nПишите нам: <script>alert(1)</script> https://example.org/sovet',
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.location, '/admin/site?done=saved');
  assert.match((await ada.get(saved.location!)).body, /Saved\. It is now on the page “About this site”\./);
  const section = who((await get('/about')).body);
  assert.match(section, /<dt>Name<\/dt><dd>Совет матерей и жён &lt;Тверь&gt;<\/dd>/);
  assert.match(section, /<dt>Contact<\/dt><dd><a href="mailto:sovet@example.org">sovet@example.org<\/a><\/dd>/);
  assert.match(
    section,
    /<p>Мы — матери и жёны мобилизованных\.<\/p>\n<p>Пишите нам: &lt;script&gt;alert\(1\)&lt;\/script&gt; <a href="https:\/\/example.org\/sovet" rel="nofollow noopener noreferrer">/,
  );
  assert.doesNotMatch(section, /have not yet said who they are/);
  assert.match(section, /Nobody has checked what is written above/);
  assert.match(section, /\(last changed on [^)]+\)\./);
  const day = 86_400_000;
  assert.equal((await readOperatorNote(t.app.store.db))!.changedAt % day, 0, 'the day, no finer');
  assert.match(
    (await ada.get('/admin/site')).body,
    /<input id="name" name="name" type="text" maxlength="200" value="Совет матерей и жён &lt;Тверь&gt;"/,
    'the form shows what is saved',
  );
});

test('a contact that is neither an email nor a web address stays text; a javascript: one is never a link', async () => {
  for (const [contact, shown] of [
    ['Signal: @sovet.01', '<dd>Signal: @sovet.01</dd>'],
    ['javascript:alert(1)', '<dd>javascript:alert(1)</dd>'],
    [
      'https://sovet.example.org',
      '<dd><a href="https://sovet.example.org" rel="nofollow noopener noreferrer">https://sovet.example.org</a></dd>',
    ],
  ]) {
    assert.equal((await save({ name: 'Sovet', contact, about: '' })).status, 303);
    assert.ok(who((await get('/about')).body).includes(shown), contact);
  }
});

test('each mistake is named with its field and the form comes back with what was typed, but never the password', async () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'a name too long',
      { name: 'я'.repeat(201) },
      /<a href="#name">Your name, or your organisation’s: This is too long: at most 200 characters\.<\/a>/,
    ],
    [
      'a contact over two lines',
      { contact: 'sovet@example.org\nsecond line' },
      /<a href="#contact">Contact: This contains invisible control characters\.<\/a>/,
    ],
    [
      'a text too long',
      { about: 'a'.repeat(3001) },
      /<a href="#about">A few words about you: This is too long: at most 3,000 characters\.<\/a>/,
    ],
    ['no password', { name: 'Sovet', password: '' }, /<a href="#password">Your password: Please fill this in\.<\/a>/],
    ['a wrong password', { name: 'Sovet', password: 'not the password' }, /<a href="#password">Your password: /],
    [
      'a field the form does not have',
      { name: 'Sovet', signers: 'all' },
      /<a href="#signers">signers: This field is not expected here\.<\/a>/,
    ],
  ];
  const before = await readOperatorNote(t.app.store.db);
  for (const [name, fields, message] of cases) {
    const reply = await save({ contact: 'kept@example.org', ...fields });
    assert.equal(reply.status, 422, name);
    assert.match(reply.body, message, name);
    assert.match(
      reply.body,
      /<input id="contact" name="contact" type="text" maxlength="300" value="[^"]+"/,
      `${name}: the contact is kept`,
    );
    assert.match(
      reply.body,
      /<input id="password" name="password" type="password" autocomplete="current-password" aria-describedby/,
      `${name}: the password is not kept`,
    );
    assert.doesNotMatch(reply.body, /value="correct horse/, name);
  }
  assert.deepEqual(await readOperatorNote(t.app.store.db), before, 'nothing was saved');
});

test("a stolen admin session without the admin's password cannot change the contact people will write to", async () => {
  assert.equal((await save({ name: 'Sovet', contact: 'sovet@example.org', about: '' })).status, 303);
  for (const password of ['', 'a guess at the password']) {
    const reply = await save({ name: 'Sovet', contact: 'trap@example.net', about: '', password });
    assert.equal(reply.status, 422);
    assert.match(reply.body, /<a href="#password">Your password: /);
  }
  assert.equal((await readOperatorNote(t.app.store.db))!.contact, 'sovet@example.org');
  assert.doesNotMatch((await get('/about')).body, /trap@example\.net/);
});

test('only an admin opens or changes the settings; everyone else is refused and nothing changes', async () => {
  const before = await readOperatorNote(t.app.store.db);
  assert.equal((await olga.get('/admin/site')).status, 403);
  assert.equal((await olga.post('/admin/site', { name: 'Fake operator', password: testPassword })).status, 403);
  const anonymous = new Browser(t.server);
  await anonymous.get('/login');
  const refused = await anonymous.post('/admin/site', { name: 'Fake operator', password: testPassword });
  assert.equal(refused.status, 303);
  assert.equal(refused.location, '/login');
  assert.deepEqual(await readOperatorNote(t.app.store.db), before);
});

test('the admin empties every field, and the page says again that nobody has said who runs the site', async () => {
  assert.equal((await save({ name: '', contact: '', about: '' })).status, 303);
  assert.equal(await readOperatorNote(t.app.store.db), null);
  assert.match(who((await get('/about')).body), /The people who run this site have not yet said who they are\./);
  assert.match(
    (await ada.get('/admin?lang=en')).body,
    /<a href="\/admin\/site">Who runs this site \(shown on the About page\)<\/a>/,
    'the admin finds the page from the dashboard',
  );
  assert.doesNotMatch((await olga.get('/admin?lang=en')).body, /\/admin\/site/);
});
