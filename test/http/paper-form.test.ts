import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, addMember, createAdmin, logIn, startTestApp, type TestApp } from './support.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let admin: Actor;
let ada: Browser;

before(async () => {
  t = await startTestApp();
  admin = await createAdmin(t.app);
  ada = await logIn(t.server, 'ada');
});
after(() => t.stop());

async function openPetition(): Promise<string> {
  const id = await savePetitionDraft(t.app, admin, {
    title: 'Repair the bridge on Mill Street',
    addressee: 'The Town Council',
    body: 'The bridge on Mill Street is broken.\n\nChildren walk two kilometres around it to school.',
    language: 'en',
    confirmation: 'none',
    regionRule: 'optional',
    regionCountries: ['UA'],
  });
  await publishPetition(t.app, admin, id);
  return id;
}

const countOf = async (id: string) => JSON.parse((await new Browser(t.server).get(`/api/petitions/${id}`)).body);

test('an organiser enters a batch in two steps, without JavaScript, and withdraws it with a public reason', async () => {
  const id = await openPetition();
  const form = `/admin/petitions/${id}/paper`;
  assert.match(
    (await ada.get(`/admin/petitions/${id}`)).body,
    new RegExp(`href="${form}">Enter a batch of paper signatures<`),
  );
  const page = await ada.get(form);
  assert.equal(page.status, 200);
  assert.match(page.body, /What becomes public for each batch: how many signatures, the region and the sheet numbers/);
  assert.match(page.body, /<option value="UA-46" >Lviv Oblast<\/option>/);

  const bad = await ada.post(form, { count: 'many', region: 'RU-MOW', sheets: '9-2', step: 'preview' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /class="error-summary" role="alert" tabindex="-1" autofocus/);
  assert.match(bad.body, /<a href="#count">Number of signatures: This must be a whole number\.<\/a>/);
  assert.match(bad.body, /<a href="#region">Region: Please choose one of the options offered\.<\/a>/);
  assert.match(bad.body, /<a href="#sheets">Sheet numbers: Write the sheet numbers as numbers and ranges/);
  assert.match(bad.body, /id="sheets" name="sheets" value="9-2"/);

  const preview = await ada.post(form, { count: '37', region: 'UA-46', sheets: '4, 1-3', step: 'preview' });
  assert.equal(preview.status, 200);
  assert.match(preview.body, /Adding it is public and permanent/);
  assert.match(preview.body, /<dd>1-4<\/dd>/);
  assert.equal((await countOf(id)).paper, 0, 'the preview adds nothing');

  const added = await ada.post(form, { count: '37', region: 'UA-46', sheets: '1-4', step: 'add' });
  assert.deepEqual([added.status, added.location], [303, `${form}?done=added`]);
  const counts = await countOf(id);
  assert.deepEqual([counts.paper, counts.signatures], [37, 37]);
  // The organiser's count box counts them too, and says how many are on paper.
  const manage = await ada.get(`/admin/petitions/${id}`);
  assert.match(manage.body, /<p class="count-number">37<\/p>/);
  assert.match(manage.body, /including 37 signatures collected on paper and 0 signed on this site/);
  const packet = await ada.get(`/admin/petitions/${id}/packet.pdf`);
  assert.deepEqual([packet.status, packet.headers['content-type']], [200, 'application/pdf']);

  const list = await ada.get(`${form}?done=added`);
  assert.match(list.body, /The batch was added to the count\./);
  const batch = /action="\/admin\/petitions\/[^/]+\/paper\/(b[1-9A-HJ-NP-Za-km-z]+)\/withdraw"/.exec(list.body)![1];
  const noReason = await ada.post(`${form}/${batch}/withdraw`, {});
  assert.equal(noReason.status, 422);
  assert.match(noReason.body, /<a href="#reason">Reason for withdrawing: Please fill this in\.<\/a>/);
  const withdrawn = await ada.post(`${form}/${batch}/withdraw`, { reason: 'entered-twice' });
  assert.deepEqual([withdrawn.status, withdrawn.location], [303, `${form}?done=withdrawn`]);
  assert.equal((await countOf(id)).paper, 0);
  assert.match((await ada.get(form)).body, /\(withdrawn: the same sheets were entered twice\)/);
});

test('only the organiser or an admin may enter or withdraw batches; others get 4xx and the count stays', async () => {
  const id = await openPetition();
  await addMember(t.app, admin, 'organiser', 'olha');
  await addMember(t.app, admin, 'moderator', 'mykola');
  const fields = { count: '10', sheets: '1', step: 'add' };
  for (const login of ['olha', 'mykola']) {
    const other = await logIn(t.server, login);
    assert.equal((await other.get(`/admin/petitions/${id}/paper`)).status, 403, login);
    assert.equal((await other.post(`/admin/petitions/${id}/paper`, fields)).status, 403, login);
  }
  const stranger = new Browser(t.server);
  await stranger.get(`/p/${id}`);
  const refused = await stranger.post(`/admin/petitions/${id}/paper`, fields);
  assert.deepEqual([refused.status, refused.location?.startsWith('/login')], [303, true]);
  assert.equal((await countOf(id)).paper, 0);
  // A batch id that is not one is a 404 before anything is read.
  assert.equal((await ada.post(`/admin/petitions/${id}/paper/nope/withdraw`, { reason: 'other' })).status, 404);
});
