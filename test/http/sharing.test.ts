import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, createAdmin, addMember, Browser, type TestApp } from './support.ts';
import { petitionFields } from '../support/petitions.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';

let t: TestApp;
let id: string;

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
  const organiser = await addMember(t.app, await createAdmin(t.app), 'organiser', 'olena');
  const body = `${'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service. '.repeat(5)}And rotation home.`;
  id = await savePetitionDraft(t.app, organiser, petitionFields({ title: 'Bring our men home', body, goal: '100000' }));
  await publishPetition(t.app, organiser, id);
});
after(() => t.stop());

test("a petition's page previews in a messenger with its title and the start of its text, and offers its link to share", async () => {
  const page = (await t.server.inject({ url: `/p/${id}` })).body;
  assert.match(page, new RegExp(`<link rel="canonical" href="http://localhost:\\d+/p/${id}">`));
  assert.match(page, /<meta property="og:title" content="Bring our men home">/);
  const description = /<meta property="og:description" content="([^"]+)">/.exec(page)?.[1] ?? '';
  assert.ok(
    description.startsWith('We, the wives and mothers') && description.endsWith('…') && description.length <= 201,
    description,
  );
  assert.match(
    page,
    new RegExp(
      `href="https://t.me/share/url\\?url=${encodeURIComponent(`http://localhost:3000/p/${id}`).replace(/[.]/g, '\\.')}`,
    ),
  );
  assert.match(
    page,
    /data-share-copy data-copied="The link is copied\." hidden>Copy the link<\/button>/,
    'the copy button waits for JavaScript',
  );
  assert.doesNotMatch(page, /vk\.com/, 'no link to a service that hands its users to the state');
  assert.match(page, /<script type="module" src="\/assets\/share.js"><\/script>/);
});

test("after signing, the receipt asks her to share the petition's link, never the receipt's", async () => {
  const signer = new Browser(t.server);
  await signer.get(`/p/${id}`);
  const signed = await signer.post(`/p/${id}/sign`, { name: 'Olga' });
  assert.equal(signed.status, 303);
  const receipt = await signer.get(signed.location!);
  assert.match(receipt.body, /<h2 id="share-after-h">Ask others to sign<\/h2>/);
  const [, secret] = /\/receipt\/[^/]+\/([^?]+)/.exec(signed.location!)!;
  const box = receipt.body.slice(
    receipt.body.indexOf('data-share '),
    receipt.body.indexOf('</section>', receipt.body.indexOf('data-share ')),
  );
  assert.ok(box.includes(`/p/${id}`));
  assert.ok(!box.includes(secret), "the receipt's secret is in no share link");
  // A later visit to the receipt is about the receipt, not sharing.
  assert.doesNotMatch((await signer.get(signed.location!.replace('?signed=1', ''))).body, /share-after-h/);
});

test('the progress towards a far goal is not shown as nothing', async () => {
  const page = (await t.server.inject({ url: `/p/${id}` })).body;
  assert.match(page, /0\.001% of the goal of 100,000/, 'one signature of 100,000');
});
