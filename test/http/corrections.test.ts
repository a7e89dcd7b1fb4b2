import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, addMember, createAdmin, logIn, startTestApp, type TestApp } from './support.ts';
import { closePetition } from '../../src/actions/close-petition.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { petitionTextHash } from '../../src/record/entry-hashes.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let admin: Actor;
let ada: Browser;

const title = 'Repair the bridge on Mill Street';
const addressee = 'The Town Council';
const body = 'The brige on Mill Street is broken.\n\nChildren walk two kilometres around it to school.';
const fixed = 'The bridge on Mill Street is broken.\n\nChildren walk two kilometres around it to school.';

before(async () => {
  t = await startTestApp();
  admin = await createAdmin(t.app);
  ada = await logIn(t.server, 'ada');
});
after(() => t.stop());

/** openPetition publishes a petition of the admin's, as the organiser console would. */
async function openPetition(): Promise<string> {
  const id = await savePetitionDraft(t.app, admin, { title, addressee, body, language: 'en', confirmation: 'none' });
  await publishPetition(t.app, admin, id);
  return id;
}

test('an organiser corrects a typo in two steps, and everyone sees that and when the text changed', async (s) => {
  const id = await openPetition();
  const form = `/admin/petitions/${id}/correct`;

  await s.test('the manage page offers the correction, saying it is public', async () => {
    const page = await ada.get(`/admin/petitions/${id}`);
    assert.match(
      page.body,
      new RegExp(`<a class="button secondary" href="${form}">Edit text \\(public correction\\)</a>`),
    );
    assert.match(page.body, /The correction is public: the page says so, and earlier versions stay visible\./);
  });

  await s.test(
    'the form holds the current text and says before anything is typed that the change is public',
    async () => {
      const page = await ada.get(form);
      assert.equal(page.status, 200);
      assert.match(page.body, new RegExp(`id="title" name="title" type="text" maxlength="200" value="${title}"`));
      assert.ok(page.body.includes(`>${body}</textarea>`));
      assert.match(page.body, /Everyone will see that the text was corrected, and when\./);
    },
  );

  await s.test('bad input comes back with 422 and a summary that takes the focus and names each field', async () => {
    const page = await ada.post(form, { title: 'Hi', addressee, body: fixed, step: 'preview' });
    assert.equal(page.status, 422);
    assert.match(page.body, /class="error-summary" role="alert" tabindex="-1" autofocus/);
    assert.match(page.body, /<a href="#title">Title: This is too short: at least 5 characters\.<\/a>/);
    assert.match(page.body, /<a href="#reason">Reason for the correction: Please fill this in\.<\/a>/);
    assert.match(page.body, /value="Hi"/);
    assert.ok(page.body.includes(`>${fixed}</textarea>`), 'the text typed is kept');
  });

  await s.test('a correction that changes nothing is refused on the text', async () => {
    const page = await ada.post(form, { title, addressee, body, reason: 'typo', step: 'preview' });
    assert.equal(page.status, 422);
    assert.match(
      page.body,
      /<a href="#body">[^<]*: Nothing has changed\. Correct the title, addressee or text, or cancel\.<\/a>/,
    );
  });

  await s.test(
    'the preview shows the change word by word and that it is public and permanent, and changes nothing',
    async () => {
      const page = await ada.post(form, { title, addressee, body: fixed, reason: 'typo', step: 'preview' });
      assert.equal(page.status, 200);
      assert.match(page.body, /This change is public and permanent\./);
      assert.match(page.body, /<del><span class="visually-hidden">removed: <\/span>brige<\/del>/);
      assert.match(page.body, /<ins><span class="visually-hidden">added: <\/span>bridge<\/ins>/);
      assert.match(page.body, /<button type="submit" name="step" value="publish">Publish the correction<\/button>/);
      const api = JSON.parse((await ada.get(`/api/petitions/${id}`)).body);
      assert.deepEqual([api.version, api.text], [1, body]);
    },
  );

  await s.test('"Change it again" returns to the form with what was typed', async () => {
    const page = await ada.post(form, { title, addressee, body: fixed, reason: 'typo', step: 'edit' });
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(`>${fixed}</textarea>`));
    assert.match(page.body, /name="reason" value="typo" checked/);
  });

  await s.test('publishing makes the correction and says so', async () => {
    const reply = await ada.post(form, { title, addressee, body: fixed, reason: 'typo', step: 'publish' });
    assert.equal(reply.status, 303);
    assert.equal(reply.location, `/admin/petitions/${id}?done=corrected`);
    const page = await ada.get(reply.location!);
    assert.match(page.body, /The correction is published\./);
    assert.match(page.body, /1 correction so far \(at most 20\)\./);
  });

  await s.test('the petition page says the text was corrected, when and why, and links to every version', async () => {
    const page = await new Browser(t.server).get(`/p/${id}`);
    assert.match(page.body, /The text was corrected on [A-Z][a-z]+ \d{1,2}, \d{4} \(a typo\)\./);
    assert.match(page.body, new RegExp(`<a href="/p/${id}/versions">See earlier versions</a>`));
    assert.ok(page.body.includes('The bridge on Mill Street is broken.'));
  });

  await s.test(
    'the versions page shows both versions, what changed, and each fingerprint behind a disclosure',
    async () => {
      const page = await new Browser(t.server).get(`/p/${id}/versions`);
      assert.equal(page.status, 200);
      assert.match(page.body, /Version 2: corrected on [^<]+ \(a typo\) <span class="badge">shown now<\/span>/);
      assert.match(page.body, /Version 1: published on /);
      assert.match(page.body, /<del><span class="visually-hidden">removed: <\/span>brige<\/del>/);
      assert.match(page.body, /<dt>Title<\/dt>\s*<dd class="muted">Not changed<\/dd>/);
      for (const text of [body, fixed]) {
        const hash = petitionTextHash(title, addressee, text);
        assert.match(
          page.body,
          new RegExp(`<summary>How anyone can check[^<]*</summary>[\\s\\S]*<code class="hash">${hash}</code>`),
        );
      }
    },
  );

  await s.test('the API shows the version, when it changed, and the earlier texts an auditor checks', async () => {
    const api = JSON.parse((await new Browser(t.server).get(`/api/petitions/${id}`)).body);
    assert.equal(api.version, 2);
    assert.equal(api.text, fixed);
    assert.match(api.correctedAt, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(
      api.versions.map((v: Record<string, unknown>) => [v.version, v.title, v.addressee, v.text, v.reason]),
      [[1, title, addressee, body, null]],
    );
  });
});

test('a petition never corrected shows no notice, version 1 and no earlier versions', async () => {
  const id = await openPetition();
  const page = await new Browser(t.server).get(`/p/${id}`);
  assert.doesNotMatch(page.body, /The text was corrected/);
  const api = JSON.parse((await new Browser(t.server).get(`/api/petitions/${id}`)).body);
  assert.deepEqual([api.version, api.correctedAt, api.versions], [1, null, []]);
  const versions = await new Browser(t.server).get(`/p/${id}/versions`);
  assert.equal(versions.status, 200);
  assert.match(versions.body, /This petition has not been corrected since it was published/);
});

test('only the organiser or an admin may correct, only while open; others get 4xx and the text stays', async () => {
  const id = await openPetition();
  await addMember(t.app, admin, 'organiser', 'olha');
  await addMember(t.app, admin, 'moderator', 'mykola');
  const fields = { title, addressee, body: fixed, reason: 'typo', step: 'publish' };
  for (const login of ['olha', 'mykola']) {
    const other = await logIn(t.server, login);
    assert.equal((await other.get(`/admin/petitions/${id}/correct`)).status, 403, login);
    assert.equal((await other.post(`/admin/petitions/${id}/correct`, fields)).status, 403, login);
  }
  const stranger = new Browser(t.server);
  await stranger.get(`/p/${id}`);
  const refused = await stranger.post(`/admin/petitions/${id}/correct`, fields);
  assert.deepEqual([refused.status, refused.location?.startsWith('/login')], [303, true]);
  assert.equal(JSON.parse((await stranger.get(`/api/petitions/${id}`)).body).version, 1);

  await closePetition(t.app, admin, id);
  assert.equal((await ada.get(`/admin/petitions/${id}/correct`)).status, 409);
  assert.equal((await ada.post(`/admin/petitions/${id}/correct`, fields)).status, 409);
  assert.doesNotMatch((await ada.get(`/admin/petitions/${id}`)).body, /Edit text \(public correction\)/);
  assert.equal((await stranger.get(`/p/pNoSuchOne/versions`)).status, 404);
});
