import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, addMember, createAdmin, logIn, startTestApp, type TestApp } from './support.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { regionName, regionsOf } from '../../src/domain/regions.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let admin: Actor;
let ada: Browser;

const [kyiv, lviv, odesa] = ['UA-30', 'UA-46', 'UA-51'];
const text =
  'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service.\n\nBring them home after eighteen months.';

before(async () => {
  t = await startTestApp();
  admin = await createAdmin(t.app);
  ada = await logIn(t.server, 'ada');
});
after(() => t.stop());

/** utcLocal is a datetime-local value in UTC, `minutes` from now, as the invalidation form takes it. */
function utcLocal(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);
}

/** petitionIdOf reads the petition's id from a redirect to its manage page. */
function petitionIdOf(location: string | undefined): string {
  const match = /^\/admin\/petitions\/(p[\w-]+)\?done=saved$/.exec(location ?? '');
  assert.ok(match, `expected a redirect to a manage page, got ${location}`);
  return match[1];
}

test('the regions these tests sign from exist, with English names', () => {
  const codes = regionsOf(['UA'], 'en').map((r) => r.code);
  for (const code of [kyiv, lviv, odesa]) assert.ok(codes.includes(code), code);
});

test('an organiser writes, publishes, watches, cleans, exports, closes and records the response', async (s) => {
  let id = '';

  await s.test('a draft with mistakes comes back with 422, each mistake named and the input kept', async () => {
    const reply = await ada.post('/admin/petitions', {
      title: 'Hi',
      addressee: 'The Minister of Defence',
      body: text,
      language: 'uk',
      goal: 'many',
      regionRule: 'required',
      regionCountries: ['UA', 'GE'],
      confirmation: 'none',
    });
    assert.equal(reply.status, 422);
    assert.match(reply.body, /<a href="#title">Title: This is too short: at least 5 characters\.<\/a>/);
    assert.match(reply.body, /<a href="#goal">Goal: This must be a whole number\.<\/a>/);
    assert.match(reply.body, /id="title" name="title" type="text" maxlength="200" value="Hi"/);
    assert.match(reply.body, /value="The Minister of Defence"/);
    assert.ok(
      reply.body.includes('ask for a fixed term of service.\n\nBring them home'),
      'the text is kept, paragraphs and all',
    );
    assert.match(reply.body, /value="many"/);
    assert.match(reply.body, /name="regionCountries" value="UA" checked/);
    assert.match(reply.body, /name="regionCountries" value="GE" checked/);
    assert.doesNotMatch(reply.body, /name="regionCountries" value="RU" checked/);
    assert.match(reply.body, /<option value="uk" lang="uk" selected>/);
    assert.match(reply.body, /name="regionRule" value="required" checked/);
  });

  await s.test('asking for regions without choosing a country is refused on that field', async () => {
    const reply = await ada.post('/admin/petitions', {
      title: 'A fixed term of service',
      addressee: 'The Minister',
      body: text,
      language: 'en',
      regionRule: 'optional',
    });
    assert.equal(reply.status, 422);
    assert.match(reply.body, /<a href="#regionCountries">Regions of which countries: Please fill this in\.<\/a>/);
  });

  await s.test('a good draft is saved and the organiser lands on its manage page', async () => {
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const reply = await ada.post('/admin/petitions', {
      title: 'A fixed term of service',
      addressee: 'The Minister of Defence',
      body: text,
      language: 'en',
      goal: '1000',
      deadline,
      nameRule: 'required',
      namesPublic: 'signer',
      regionRule: 'optional',
      regionCountries: ['UA'],
      confirmation: 'none',
    });
    assert.equal(reply.status, 303);
    id = petitionIdOf(reply.location);
    const page = await ada.get(`/admin/petitions/${id}?done=saved`);
    assert.equal(page.status, 200);
    assert.match(page.body, /The draft is saved\./);
    assert.match(page.body, /<span class="badge draft">Draft<\/span>/);
    assert.match(
      page.body,
      /<p>We, the wives and mothers of mobilised soldiers, ask for a fixed term of service\.<\/p>\s*<p>Bring them home/,
      'the preview renders paragraphs',
    );
    assert.match(page.body, new RegExp(`action="/admin/petitions/${id}/publish"`));
    assert.match(page.body, new RegExp(`href="/admin/petitions/${id}/edit"`));
    assert.equal((await ada.get(`/p/${id}`)).status, 404, 'a draft is not public');
    assert.equal((await ada.get(`/admin/petitions/${id}/signatures.csv`)).status, 409, 'a draft has nothing to export');
  });

  await s.test('the draft can be changed, with its saved values in the form', async () => {
    const form = await ada.get(`/admin/petitions/${id}/edit`);
    assert.equal(form.status, 200);
    assert.match(form.body, /value="A fixed term of service"/);
    assert.match(form.body, /name="regionCountries" value="UA" checked/);
    const bad = await ada.post(`/admin/petitions/${id}/edit`, {
      title: '',
      addressee: 'The Minister of Defence',
      body: text,
      language: 'en',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /<a href="#title">Title: Please fill this in\.<\/a>/);
    const reply = await ada.post(`/admin/petitions/${id}/edit`, {
      title: 'Eighteen months, then home',
      addressee: 'The Minister of Defence',
      body: text,
      language: 'en',
      goal: '1000',
      regionRule: 'optional',
      regionCountries: ['UA'],
      confirmation: 'none',
    });
    assert.equal(reply.status, 303);
    assert.equal(reply.location, `/admin/petitions/${id}?done=saved`);
    assert.match((await ada.get(`/admin/petitions/${id}`)).body, /<h1 lang="en">Eighteen months, then home<\/h1>/);
  });

  await s.test('publishing opens it; a published petition can no longer be edited', async () => {
    const reply = await ada.post(`/admin/petitions/${id}/publish`);
    assert.equal(reply.status, 303);
    assert.equal(reply.location, `/admin/petitions/${id}?done=published`);
    const page = await ada.get(reply.location!);
    assert.match(page.body, /<span class="badge open">Open<\/span>/);
    assert.match(page.body, /The petition is published and open for signatures\./);
    assert.match(page.body, new RegExp(`action="/admin/petitions/${id}/close"`));
    assert.doesNotMatch(page.body, /\/publish"/);
    assert.equal((await ada.get(`/admin/petitions/${id}/edit`)).status, 409);
    assert.equal((await ada.post(`/admin/petitions/${id}/publish`)).status, 409);
    assert.equal((await ada.get(`/p/${id}`)).status, 200);
  });

  await s.test('signatures show on the dashboard: count, region table, rate of the last hour', async () => {
    const sign = async (fields: Record<string, string>) =>
      assert.equal((await signPetition(t.app, id, fields, 'en')).kind, 'counted');
    await sign({ name: 'Olena "Lena" Koval, Kyiv', region: kyiv, showName: 'on' });
    await sign({ name: '=HYPERLINK("http://evil.example")', region: lviv, showName: 'on' });
    await sign({ name: 'Марія Іваненко', region: kyiv, showName: 'on' });
    await sign({ name: 'Ivan Hidden', region: odesa });
    const page = await ada.get(`/admin/petitions/${id}`);
    assert.match(page.body, /<p class="count-number">4<\/p>/);
    assert.match(page.body, /4 signatures came in during the last 60 minutes\./);
    assert.match(page.body, /No unusual bursts in the last hour\./);
    assert.match(page.body, /<svg class="chart rate-chart"/);
    assert.match(page.body, new RegExp(`<td>${regionName(kyiv, 'en')}</td>\\s*<td class="num">2</td>`));
    assert.match(page.body, new RegExp(`<td>${regionName(odesa, 'en')}</td>\\s*<td class="num">1</td>`));
    assert.match(page.body, /5 entries in the public record queue/, 'petition.opened and four signature.added');
  });

  await s.test(
    'invalidating by window and region: mistakes are named, then the region is taken out of the count',
    async () => {
      const bad = await ada.post(`/admin/petitions/${id}/invalidate`, {
        from: 'yesterday',
        to: utcLocal(-60),
        region: odesa,
        reason: '',
      });
      assert.equal(bad.status, 422);
      assert.match(bad.body, /<a href="#from">From: This must be a date\.<\/a>/);
      assert.match(bad.body, /<a href="#reason">Reason \(shown to the public\): Please fill this in\.<\/a>/);
      assert.match(bad.body, /name="from" type="datetime-local" value="yesterday"/, 'the input is kept');
      assert.match(bad.body, new RegExp(`<option value="${odesa}" selected>`));

      // The first step only shows what would happen, and changes nothing.
      const window = { from: utcLocal(-5), to: utcLocal(1), region: odesa, reason: 'automated' };
      const preview = await ada.post(`/admin/petitions/${id}/invalidate`, window);
      assert.equal(preview.status, 200);
      assert.match(preview.body, /This would take 1 signature out of the count\./);
      assert.match(
        preview.body,
        new RegExp(`region: ${regionName(odesa, 'en')}. The reason the public will see: automated signing.`),
      );
      assert.match(preview.body, /<input type="hidden" name="expected" value="1">/);
      assert.match(preview.body, /<button type="submit" class="danger">Take this 1 signature out<\/button>/);
      assert.match(
        (await ada.get(`/admin/petitions/${id}`)).body,
        /<p class="count-number">4<\/p>/,
        'nothing changed yet',
      );
      // A confirmation whose number no longer matches the window changes nothing and shows the new number.
      const stale = await ada.post(`/admin/petitions/${id}/invalidate`, { ...window, expected: '2' });
      assert.equal(stale.status, 409);
      assert.match(stale.body, /The number changed since you looked/);
      assert.match(stale.body, /<input type="hidden" name="expected" value="1">/);
      const reply = await ada.post(`/admin/petitions/${id}/invalidate`, { ...window, expected: '1' });
      assert.equal(reply.status, 303);
      assert.equal(reply.location, `/admin/petitions/${id}?done=invalidated&n=1`);
      const page = await ada.get(reply.location!);
      assert.match(page.body, /1 signature was removed from the count\./);
      assert.match(page.body, /<p class="count-number">3<\/p>/);
      assert.match(page.body, /<strong>1 signature removed: automated signing<\/strong>/);
      assert.match(page.body, new RegExp(`${regionName(odesa, 'en')} · done `));
      const none = await ada.post(`/admin/petitions/${id}/invalidate`, window);
      assert.match(none.body, /No counted signature falls in .*, region: .*\. Nothing was changed\./);
      assert.doesNotMatch(none.body, /name="expected"/, 'nothing to confirm');
    },
  );

  await s.test(
    'the CSV holds only public names, quoted per RFC 4180 and safe from formulas, with a BOM for Excel',
    async () => {
      const reply = await ada.get(`/admin/petitions/${id}/signatures.csv`);
      assert.equal(reply.status, 200);
      assert.equal(reply.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(reply.headers['content-disposition'], `attachment; filename="${id}-names.csv"`);
      assert.deepEqual([...reply.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const today = new Date().toISOString().slice(0, 10);
      assert.equal(
        reply.raw.subarray(3).toString('utf8'),
        [
          'Name,Region code,Region,Day signed (UTC)',
          `"Olena ""Lena"" Koval, Kyiv",${kyiv},${regionName(kyiv, 'en')},${today}`,
          `"'=HYPERLINK(""http://evil.example"")",${lviv},${regionName(lviv, 'en')},${today}`,
          `Марія Іваненко,${kyiv},${regionName(kyiv, 'en')},${today}`,
          '',
        ].join('\r\n'),
      );
    },
  );

  await s.test('the delivery packet is a PDF', async () => {
    const reply = await ada.get(`/admin/petitions/${id}/packet.pdf`);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/pdf');
    assert.equal(reply.headers['content-disposition'], `attachment; filename="${id}-packet.pdf"`);
    assert.equal(reply.raw.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(reply.raw.length > 1024, `only ${reply.raw.length} bytes`);
    assert.ok(reply.raw.subarray(-6).toString('latin1').includes('%%EOF'));
  });

  await s.test('closing asks for a ticked box first, then stops signing; closing twice is refused', async () => {
    const unticked = await ada.post(`/admin/petitions/${id}/close`);
    assert.equal(unticked.status, 422);
    assert.match(unticked.body, /<a href="#confirm">Confirmation: Tick the box to confirm\.<\/a>/);
    assert.match((await ada.get(`/admin/petitions/${id}`)).body, /\/close"/, 'still open');
    const reply = await ada.post(`/admin/petitions/${id}/close`, { confirm: 'yes' });
    assert.equal(reply.status, 303);
    assert.equal(reply.location, `/admin/petitions/${id}?done=closed`);
    const page = await ada.get(reply.location!);
    assert.match(page.body, /<span class="badge closed">Closed<\/span>/);
    assert.doesNotMatch(page.body, /\/close"/);
    assert.equal((await ada.post(`/admin/petitions/${id}/close`, { confirm: 'yes' })).status, 409);
    await assert.rejects(signPetition(t.app, id, { name: 'Late' }, 'en'), { code: 'petition-not-open' });
  });

  await s.test(
    'the response: an empty one is refused on its field, a real one is shown on the public page',
    async () => {
      const bad = await ada.post(`/admin/petitions/${id}/response`, { response: '   ' });
      assert.equal(bad.status, 422);
      assert.match(bad.body, /<a href="#response">Response: Please fill this in\.<\/a>/);
      const reply = await ada.post(`/admin/petitions/${id}/response`, {
        response: 'The ministry says the question is under review.',
      });
      assert.equal(reply.status, 303);
      assert.equal(reply.location, `/admin/petitions/${id}?done=responded`);
      assert.match((await ada.get(reply.location!)).body, /The response is saved and shown on the public page\./);
      assert.match((await ada.get(`/p/${id}`)).body, /The ministry says the question is under review\./);
    },
  );
});

test('only the owner or an admin may manage a petition: moderators and other organisers get 403', async () => {
  await addMember(t.app, admin, 'organiser', 'olha');
  await addMember(t.app, admin, 'organiser', 'petro');
  await addMember(t.app, admin, 'moderator', 'mykola');
  const olha = await logIn(t.server, 'olha');
  const created = await olha.post('/admin/petitions', {
    title: 'Olha’s petition',
    addressee: 'The mayor',
    body: text,
    language: 'en',
    confirmation: 'none',
  });
  const id = petitionIdOf(created.location);
  assert.equal((await olha.get(`/admin/petitions/${id}`)).status, 200);
  assert.equal((await ada.get(`/admin/petitions/${id}`)).status, 200, 'an admin may');

  for (const login of ['mykola', 'petro']) {
    const other = await logIn(t.server, login);
    for (const path of ['', '/edit', '/signatures.csv', '/packet.pdf']) {
      assert.equal((await other.get(`/admin/petitions/${id}${path}`)).status, 403, `${login} GET ${path}`);
    }
    for (const path of ['/edit', '/publish', '/close', '/response', '/invalidate']) {
      assert.equal((await other.post(`/admin/petitions/${id}${path}`, {})).status, 403, `${login} POST ${path}`);
    }
  }
  const mykola = await logIn(t.server, 'mykola');
  assert.equal((await mykola.get('/admin/petitions/new')).status, 403);
  assert.equal(
    (
      await mykola.post('/admin/petitions', {
        title: 'A moderator’s petition',
        addressee: 'x',
        body: text,
        language: 'en',
      })
    ).status,
    403,
  );
});

test('a logged-out visitor is sent to the login page', async () => {
  const stranger = new Browser(t.server);
  for (const path of [
    '/admin/petitions',
    '/admin/petitions/new',
    '/admin/petitions/pUnknown',
    '/admin/petitions/pUnknown/signatures.csv',
    '/admin/petitions/pUnknown/packet.pdf',
  ]) {
    const reply = await stranger.get(path);
    assert.equal(reply.status, 303, path);
    assert.equal(reply.location, '/login', path);
  }
  await stranger.get('/login');
  const reply = await stranger.post('/admin/petitions', {
    title: 'Anonymous petition',
    addressee: 'x',
    body: text,
    language: 'en',
  });
  assert.equal(reply.location, '/login');
});

test('a form without its token is refused, and an unknown petition is a 404', async () => {
  assert.equal(
    (
      await ada.post('/admin/petitions', {
        _csrf: '',
        title: 'No token here',
        addressee: 'x',
        body: text,
        language: 'en',
      })
    ).status,
    403,
  );
  assert.equal((await ada.get('/admin/petitions/pNoSuchOne')).status, 404);
});
