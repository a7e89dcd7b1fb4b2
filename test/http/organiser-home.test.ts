import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, createAdmin, addMember, logIn, type TestApp } from './support.ts';
import { petitionFields } from '../support/petitions.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';

let t: TestApp;

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
  const admin = await createAdmin(t.app);
  const olena = await addMember(t.app, admin, 'organiser', 'olena');
  const other = await addMember(t.app, admin, 'organiser', 'petro');
  const open = await savePetitionDraft(t.app, olena, petitionFields({ title: 'Bring our men home', goal: '1000' }));
  await publishPetition(t.app, olena, open);
  for (let i = 0; i < 7; i++) await signPetition(t.app, open, { name: `Signer ${i}` }, 'en');
  await savePetitionDraft(t.app, olena, petitionFields({ title: 'A letter still being written' }));
  const his = await savePetitionDraft(t.app, other, petitionFields({ title: "Petro's own petition" }));
  await publishPetition(t.app, other, his);
});
after(() => t.stop());

test("an organiser's start page shows each of her petitions with its count and how far it is to the goal", async () => {
  const olena = await logIn(t.server, 'olena');
  const page = (await olena.get('/admin')).body;
  const cards = /<ul class="card-list petition-cards">([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? '';
  assert.match(
    cards,
    /Bring our men home<\/a> <span class="badge open">Open<\/span><\/h3>\s*<p><strong>7<\/strong> signatures <span class="muted">of 1,000<\/span><\/p>/,
  );
  assert.match(
    cards,
    /<progress class="goal" max="1000" value="7" aria-label="0\.7% of the goal of 1,000">0\.7%<\/progress>/,
  );
  assert.match(
    cards,
    /A letter still being written<\/a> <span class="badge draft">Draft<\/span><\/h3>\s*<p class="small muted">A draft: only you and the admins see it\.<\/p>/,
  );
  assert.doesNotMatch(cards, /Petro/, "another organiser's petitions are not hers to see");
});
