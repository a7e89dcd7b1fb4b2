import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openTestStore, testContext, day, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { dateAfter, openPetition, petitionFields } from '../../test/support/petitions.ts';
import { entriesOf } from '../../test/support/record.ts';
import { refusal } from '../../test/support/refusal.ts';
import { failingAfterInsert, InjectedFailure } from '../../test/support/failing-store.ts';
import { closeExpiredPetitions } from '../jobs/close-expired-petitions.ts';
import { closePetition } from './close-petition.ts';
import { publishPetition } from './publish-petition.ts';
import { recordResponse } from './record-response.ts';
import { savePetitionDraft } from './save-petition-draft.ts';
import { signPetition } from './sign-petition.ts';
import { findPetition } from '../store/petitions.ts';
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

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

test('an empty draft is refused with every missing field named', async () => {
  await assert.rejects(
    savePetitionDraft(ctx, maria, {}),
    refusal('invalid-input', [
      { field: 'title', problem: 'required' },
      { field: 'body', problem: 'required' },
      { field: 'addressee', problem: 'required' },
      { field: 'language', problem: 'required' },
    ]),
  );
});

test('a draft with bad values is refused with each field and what is wrong with it', async () => {
  await assert.rejects(
    savePetitionDraft(
      ctx,
      maria,
      petitionFields({
        title: 'Hi',
        body: 'Too short',
        addressee: 'x'.repeat(301),
        language: 'de',
        goal: '0',
        deadline: dateAfter(ctx, -1),
        regionRule: 'required',
        regionCountries: ['RU', 'FR'],
        confirmation: 'carrier-pigeon',
        colour: 'red',
      }),
    ),
    refusal('invalid-input', [
      { field: 'title', problem: 'too-short' },
      { field: 'body', problem: 'too-short' },
      { field: 'addressee', problem: 'too-long' },
      { field: 'language', problem: 'not-a-choice' },
      { field: 'goal', problem: 'out-of-range' },
      { field: 'regionCountries', problem: 'not-a-choice' },
      { field: 'confirmation', problem: 'not-a-choice' },
      { field: 'deadline', problem: 'date-in-past' },
      { field: 'regionCountries', problem: 'required' },
      { field: 'colour', problem: 'unknown-field' },
    ]),
  );
  await assert.rejects(
    savePetitionDraft(ctx, maria, petitionFields({ deadline: '2026-02-30', goal: 'many' })),
    refusal('invalid-input', [
      { field: 'goal', problem: 'not-a-number' },
      { field: 'deadline', problem: 'not-a-date' },
    ]),
  );
});

test('a draft is saved as written and can be changed while it is a draft', async () => {
  const id = await savePetitionDraft(
    ctx,
    maria,
    petitionFields({
      goal: '1000',
      deadline: dateAfter(ctx, 30),
      regionRule: 'optional',
      regionCountries: ['UA', 'RU'],
    }),
  );
  let row = await findPetition(store.db, id);
  assert.equal(row?.status, 'draft');
  assert.equal(row?.goal, 1000);
  assert.deepEqual(row!.regionCountries, ['UA', 'RU']);
  assert.equal(row?.deadline, Date.parse(`${dateAfter(ctx, 30)}T23:59:59Z`));

  await savePetitionDraft(ctx, maria, petitionFields({ title: 'Bring them home now' }), id);
  row = await findPetition(store.db, id);
  assert.equal(row?.title, 'Bring them home now');
  assert.equal(row?.goal, null);
  assert.deepEqual(await entriesOf(store.db, id), [], 'a draft is not in the public record');
});

test('only its organiser or an admin may change a petition, and a moderator may write none', async () => {
  const id = await savePetitionDraft(ctx, maria, petitionFields());
  const other = await addMember(ctx, 'organiser');
  const moderator = await addMember(ctx, 'moderator');
  await assert.rejects(savePetitionDraft(ctx, other, petitionFields(), id), refusal('forbidden'));
  await assert.rejects(publishPetition(ctx, other, id), refusal('forbidden'));
  await assert.rejects(savePetitionDraft(ctx, moderator, petitionFields()), refusal('forbidden'));
  await savePetitionDraft(ctx, await addMember(ctx, 'admin'), petitionFields({ title: 'Fixed by the admin' }), id);
  assert.equal((await findPetition(store.db, id))?.title, 'Fixed by the admin');
  await assert.rejects(publishPetition(ctx, maria, 'pNoSuch1'), refusal('not-found'));
});

test('publishing opens the petition and queues petition.opened, with the hash of its text, in the record', async () => {
  const fields = petitionFields({ goal: '5000', confirmation: 'email' });
  const id = await savePetitionDraft(ctx, maria, fields);
  await publishPetition(ctx, maria, id);

  const row = await findPetition(store.db, id);
  assert.equal(row?.status, 'open');
  assert.equal(row?.openedAt, ctx.now());
  const text = sha256(JSON.stringify([fields.title, fields.addressee, fields.body]));
  assert.deepEqual(
    (await entriesOf(store.db, id)).map((e) => [e.body, e.delta]),
    [[`{"confirmation":"email","goal":5000,"petition":"${id}","text":"${text}","type":"petition.opened","v":1}`, 0]],
  );
  assert.deepEqual(ctx.changes, [id], 'live viewers are told');
  await assert.rejects(publishPetition(ctx, maria, id), refusal('wrong-state'));
});

test('a petition that fails to be recorded is not opened: the status and the entry are one transaction', async () => {
  const id = await savePetitionDraft(ctx, maria, petitionFields());
  const crashing = { ...ctx, store: failingAfterInsert(store, 'record_entries') };
  await assert.rejects(publishPetition(crashing, maria, id), InjectedFailure);
  assert.equal((await findPetition(store.db, id))?.status, 'draft');
  assert.deepEqual(await entriesOf(store.db, id), []);
  await publishPetition(ctx, maria, id);
  assert.equal((await entriesOf(store.db, id)).length, 1);
});

test('an open petition can no longer be edited', async () => {
  const id = await openPetition(ctx, maria);
  await assert.rejects(
    savePetitionDraft(ctx, maria, petitionFields({ title: 'A different demand entirely' }), id),
    refusal('wrong-state'),
  );
  assert.equal((await findPetition(store.db, id))?.title, petitionFields().title);
});

test('a draft whose deadline passed before publishing cannot be published', async () => {
  const id = await savePetitionDraft(ctx, maria, petitionFields({ deadline: dateAfter(ctx, 1) }));
  ctx.clock.advance(2 * day);
  await assert.rejects(
    publishPetition(ctx, maria, id),
    refusal('invalid-input', [{ field: 'deadline', problem: 'date-in-past' }]),
  );
  assert.equal((await findPetition(store.db, id))?.status, 'draft');
});

test('the organiser closes a petition: signing stops and petition.closed is recorded', async () => {
  const id = await openPetition(ctx, maria);
  ctx.clock.advance(day);
  await closePetition(ctx, maria, id);
  const row = await findPetition(store.db, id);
  assert.equal(row?.status, 'closed');
  assert.equal(row?.closedAt, ctx.now());
  assert.equal(
    (await entriesOf(store.db, id)).at(-1)?.body,
    `{"petition":"${id}","reason":"organiser","type":"petition.closed","v":1}`,
  );
  await assert.rejects(signPetition(ctx, id, { name: 'Anna' }, 'en'), refusal('petition-not-open'));
  await assert.rejects(closePetition(ctx, maria, id), refusal('wrong-state'));
  await assert.rejects(
    closePetition(ctx, maria, await savePetitionDraft(ctx, maria, petitionFields())),
    refusal('wrong-state'),
  );
});

test("the addressee's response is kept and its hash recorded, for an open or closed petition but not a draft", async () => {
  const id = await openPetition(ctx, maria);
  await closePetition(ctx, maria, id);
  const response = 'The ministry has received your appeal.\nIt will be considered in due course.';
  await recordResponse(ctx, maria, id, { response });
  const row = await findPetition(store.db, id);
  assert.equal(row?.response, response);
  assert.equal(row?.respondedAt, ctx.now());
  assert.equal(
    (await entriesOf(store.db, id)).at(-1)?.body,
    `{"petition":"${id}","response":"${sha256(response)}","type":"petition.responded","v":1}`,
  );

  await assert.rejects(
    recordResponse(ctx, maria, id, {}),
    refusal('invalid-input', [{ field: 'response', problem: 'required' }]),
  );
  const draft = await savePetitionDraft(ctx, maria, petitionFields());
  await assert.rejects(recordResponse(ctx, maria, draft, { response }), refusal('wrong-state'));
});

test('a petition past its deadline stops taking signatures, and the deadline job closes it once', async () => {
  const id = await openPetition(ctx, maria, { deadline: dateAfter(ctx, 3) });
  const later = await openPetition(ctx, maria, { deadline: dateAfter(ctx, 10) });
  const endless = await openPetition(ctx, maria);

  ctx.clock.advance(2 * day);
  assert.equal(await closeExpiredPetitions(ctx), 0, 'nothing is due yet');
  await signPetition(ctx, id, { name: 'Anna' }, 'en');

  ctx.clock.advance(2 * day);
  await assert.rejects(signPetition(ctx, id, { name: 'Late' }, 'en'), refusal('petition-not-open'));
  assert.equal(await closeExpiredPetitions(ctx), 1);
  assert.equal(await closeExpiredPetitions(ctx), 0, 'a second run finds nothing to do');

  assert.equal((await findPetition(store.db, id))?.status, 'closed');
  assert.equal((await findPetition(store.db, later))?.status, 'open');
  assert.equal((await findPetition(store.db, endless))?.status, 'open');
  const closings = (await entriesOf(store.db, id)).filter((e) => e.entry.type === 'petition.closed');
  assert.deepEqual(
    closings.map((e) => e.body),
    [`{"petition":"${id}","reason":"deadline","type":"petition.closed","v":1}`],
  );
});
