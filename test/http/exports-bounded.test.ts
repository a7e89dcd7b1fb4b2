// Issue 9, item 6: one organiser could stop the server with a petition of one 20,000-character word, whose delivery
// packet took 12–19 s of the main thread while /healthz went unanswered. The packet is now laid out in linear time,
// in a worker thread: the server answers everyone else while it is made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, createAdmin, addMember, logIn, type TestApp, type Browser } from './support.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { petitionLimits } from '../../src/domain/petition-draft.ts';
import { packetsBeingMade } from '../../src/web/exports/build-packet.ts';
import { assertValidPdf } from '../support/pdf.ts';

let t: TestApp;
let organiser: Browser;
let petition: string;

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0' });
  const admin = await createAdmin(t.app);
  const olena = await addMember(t.app, admin, 'organiser', 'olena');
  petition = await savePetitionDraft(t.app, olena, {
    title: 'Ж'.repeat(petitionLimits.title),
    addressee: 'Міністр оборони',
    language: 'uk',
    confirmation: 'none',
    body: 'я'.repeat(petitionLimits.body),
    namesPublic: 'signer',
  });
  await publishPetition(t.app, olena, petition);
  for (let i = 0; i < 5; i++) await signPetition(t.app, petition, { name: `${'Ю'.repeat(100)}`, showName: 'on' }, 'uk');
  organiser = await logIn(t.server, 'olena');
});

after(() => t.stop());

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`not within 10 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

test('/healthz answers while the packet of a 20,000-character word is being made, and the packet is a valid PDF', async () => {
  let done = false;
  const packet = organiser.get(`/admin/petitions/${petition}/packet.pdf`).finally(() => {
    done = true;
  });
  await until(() => packetsBeingMade() === 1 || done, 'the packet is being made');
  assert.equal(done, false, 'the packet was not made before /healthz was asked');
  const health = await t.server.inject({ url: '/healthz' });
  assert.equal(health.statusCode, 200);
  assert.equal(done, false, '/healthz answered before the packet was done');
  const pdf = await packet;
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.ok(assertValidPdf(pdf.raw).pages >= 6);
});

test("the CSV of public names and the organiser's pages stay quick with the longest texts", async () => {
  const csv = await organiser.get(`/admin/petitions/${petition}/signatures.csv`);
  assert.equal(csv.status, 200);
  assert.equal(csv.body.split('\r\n').filter(Boolean).length, 6, 'a header and five names');
  for (const url of [
    `/p/${petition}`,
    `/admin/petitions/${petition}`,
    `/api/petitions/${petition}`,
    `/p/${petition}/audit`,
  ]) {
    assert.equal((await organiser.get(url)).status, 200, url);
  }
});
