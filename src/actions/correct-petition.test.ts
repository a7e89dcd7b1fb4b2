import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, hour, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { openPetition, petitionFields } from '../../test/support/petitions.ts';
import { entriesOfType } from '../../test/support/record.ts';
import { refusal } from '../../test/support/refusal.ts';
import { petitionTextHash } from '../record/entry-hashes.ts';
import { findPetition } from '../store/petitions.ts';
import { listPetitionVersions } from '../store/petition-versions.ts';
import { closePetition } from './close-petition.ts';
import { correctPetition } from './correct-petition.ts';
import { MAX_CORRECTIONS } from './read-correction.ts';
import { savePetitionDraft } from './save-petition-draft.ts';
import type { Actor } from './context.ts';

let store: TestStore;
let ctx: TestContext;
let maria: Actor;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
  maria = await addMember(ctx, 'organiser');
});
test.afterEach(() => store.drop());

const published = petitionFields();
const fixed = {
  title: published.title as string,
  addressee: published.addressee as string,
  body: 'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service and a rotation home.',
  reason: 'typo',
};

test('a correction shows the new text, keeps the published one, and chains both hashes in the record', async () => {
  const id = await openPetition(ctx, maria);
  const openedAt = (await findPetition(ctx.store.db, id))!.openedAt!;
  ctx.clock.advance(hour);
  assert.equal(await correctPetition(ctx, maria, id, fixed), 2);
  const petition = (await findPetition(ctx.store.db, id))!;
  assert.deepEqual([petition.body, petition.version, petition.correctedAt], [fixed.body, 2, ctx.now()]);
  assert.deepEqual(
    (await listPetitionVersions(ctx.store.db, petition.id)).map((v) => [v.version, v.body, v.correctedAt, v.reason]),
    [
      [1, published.body, openedAt, null],
      [2, fixed.body, ctx.now(), 'typo'],
    ],
  );
  const before = petitionTextHash(fixed.title, fixed.addressee, published.body as string);
  const after = petitionTextHash(fixed.title, fixed.addressee, fixed.body);
  assert.equal((await entriesOfType(ctx.store.db, id, 'petition.opened'))[0].entry.text, before);
  assert.deepEqual(
    (await entriesOfType(ctx.store.db, id, 'petition.corrected')).map((e) => [e.body, e.delta]),
    [
      [
        `{"petition":"${id}","previous":"${before}","reason":"typo","text":"${after}","type":"petition.corrected","v":1,"version":2}`,
        0,
      ],
    ],
  );
  // The petition page's reader drops its view of this petition, so the next visitor sees the new text.
  assert.ok(ctx.changes.includes(id));
});

test('a second correction adds one version and replaces the first correction, not the published text', async () => {
  const id = await openPetition(ctx, maria);
  await correctPetition(ctx, maria, id, fixed);
  await correctPetition(ctx, maria, id, { ...fixed, addressee: 'The Ministry of Defence', reason: 'clarification' });
  const petition = (await findPetition(ctx.store.db, id))!;
  assert.equal(petition.version, 3);
  assert.deepEqual(
    (await listPetitionVersions(ctx.store.db, petition.id)).map((v) => [v.version, v.addressee, v.reason]),
    [
      [1, 'The Minister of Defence', null],
      [2, 'The Minister of Defence', 'typo'],
      [3, 'The Ministry of Defence', 'clarification'],
    ],
  );
  const entries = await entriesOfType(ctx.store.db, id, 'petition.corrected');
  assert.deepEqual(
    entries.map((e) => e.entry.version),
    [2, 3],
  );
  assert.equal(entries[1].entry.previous, entries[0].entry.text);
});

test('bad input is refused naming the field; no change at all is refused on the text', async () => {
  const id = await openPetition(ctx, maria);
  await assert.rejects(
    correctPetition(ctx, maria, id, { title: 'Hi', addressee: '', body: fixed.body, reason: 'because', extra: '1' }),
    refusal('invalid-input', [
      { field: 'title', problem: 'too-short' },
      { field: 'addressee', problem: 'required' },
      { field: 'reason', problem: 'not-a-choice' },
      { field: 'extra', problem: 'unknown-field' },
    ]),
  );
  await assert.rejects(
    correctPetition(ctx, maria, id, { ...fixed, body: published.body }),
    refusal('invalid-input', [{ field: 'body', problem: 'correction-unchanged' }]),
  );
  assert.equal((await findPetition(ctx.store.db, id))!.version, 1);
  assert.equal((await entriesOfType(ctx.store.db, id, 'petition.corrected')).length, 0);
});

test("only the petition's organiser or an admin may correct it, and only while it is open", async () => {
  const id = await openPetition(ctx, maria);
  const olga = await addMember(ctx, 'organiser', 'olga');
  const moderator = await addMember(ctx, 'moderator', 'mod');
  const admin = await addMember(ctx, 'admin', 'root');
  await assert.rejects(correctPetition(ctx, olga, id, fixed), refusal('forbidden'));
  await assert.rejects(correctPetition(ctx, moderator, id, fixed), refusal('forbidden'));
  assert.equal(await correctPetition(ctx, admin, id, fixed), 2);
  const draft = await savePetitionDraft(ctx, maria, petitionFields());
  await assert.rejects(correctPetition(ctx, maria, draft, fixed), refusal('wrong-state'));
  await closePetition(ctx, maria, id);
  await assert.rejects(
    correctPetition(ctx, maria, id, { ...fixed, body: `${fixed.body} Now.` }),
    refusal('wrong-state'),
  );
});

test(`a petition's text may be corrected ${MAX_CORRECTIONS} times, not more`, async () => {
  const id = await openPetition(ctx, maria);
  for (let n = 1; n <= MAX_CORRECTIONS; n++)
    await correctPetition(ctx, maria, id, { ...fixed, body: `${fixed.body} ${n}` });
  await assert.rejects(
    correctPetition(ctx, maria, id, { ...fixed, body: `${fixed.body} again` }),
    refusal('wrong-state'),
  );
  assert.equal((await findPetition(ctx.store.db, id))!.version, MAX_CORRECTIONS + 1);
});

test('of two corrections made from the same version, the second is refused and leaves nothing behind', async () => {
  const id = await openPetition(ctx, maria);
  const stale = (await findPetition(ctx.store.db, id))!;
  await correctPetition(ctx, maria, id, fixed);
  // As if the second request had read the petition before the first committed.
  const { replacePetitionText } = await import('../store/petition-versions.ts');
  assert.equal(
    await replacePetitionText(ctx.store.db, stale.id, stale.version, {
      version: 2,
      title: 'x',
      addressee: 'y',
      body: 'z',
      correctedAt: ctx.now(),
    }),
    false,
  );
  assert.equal((await findPetition(ctx.store.db, id))!.body, fixed.body);
});
