import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../support/database.ts';
import { addMember } from '../support/people.ts';
import { openPetition } from '../support/petitions.ts';
import { countFromRecord, entriesOfType, petitionRowId } from '../support/record.ts';
import { confirmationToken, mailbox } from '../support/mail.ts';
import { mailLimits } from '../../src/mail/mail-allowance.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { confirmSignature } from '../../src/actions/confirm-signature.ts';
import { addUpTallies, countSignatures } from '../../src/store/tallies.ts';
import type { Actor } from '../../src/actions/context.ts';

let store: TestStore;
let ctx: TestContext;
let maria: Actor;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
  maria = await addMember(ctx, 'organiser');
});
test.afterEach(() => store.drop());

const fifty = Array.from({ length: 50 }, (_, i) => i);

async function assertCounted(petition: string, expected: number): Promise<void> {
  const id = await petitionRowId(store.db, petition);
  const added = await entriesOfType(store.db, petition, 'signature.added');
  assert.equal(added.length, expected, 'one signature.added entry each');
  assert.equal(new Set(added.map((e) => e.entry.signature)).size, expected, 'no signature recorded twice');
  assert.equal(await countFromRecord(store.db, petition), expected);
  assert.equal(await countSignatures(store.db, id), expected);
  await addUpTallies(store.db);
  assert.equal(await countSignatures(store.db, id), expected, 'after the tally job');
}

test('fifty people signing at the same moment are all counted, exactly once', async () => {
  const petition = await openPetition(ctx, maria);
  const results = await Promise.all(fifty.map((i) => signPetition(ctx, petition, { name: `Signer ${i}` }, 'en')));
  assert.ok(results.every((r) => r.kind === 'counted'));
  const rows = await store.db.selectFrom('signatures').select(['public_id', 'status']).execute();
  assert.equal(rows.length, 50);
  assert.ok(rows.every((r) => r.status === 'counted'));
  await assertCounted(petition, 50);
});

test('fifty people signing and confirming by email at the same moment are all counted, exactly once', async () => {
  const petition = await openPetition(ctx, maria, { confirmation: 'email' });
  const address = (i: number) => `signer${i}@example.org`;
  await Promise.all(fifty.map((i) => signPetition(ctx, petition, { name: `Signer ${i}`, email: address(i) }, 'en')));
  const tokens = await Promise.all(fifty.map((i) => confirmationToken(ctx, address(i))));
  await Promise.all(tokens.map((token) => confirmSignature(ctx, token)));
  await assertCounted(petition, 50);
});

test('one address submitted five times at once makes one signature, and gets as many emails as the hourly limit lets through', async () => {
  const petition = await openPetition(ctx, maria, { confirmation: 'email' });
  const results = await Promise.all(
    [0, 1, 2, 3, 4].map(() => signPetition(ctx, petition, { name: 'Anna', email: 'anna@example.org' }, 'en')),
  );
  assert.ok(results.every((r) => r.kind === 'check-email'));
  assert.equal((await store.db.selectFrom('signatures').selectAll().execute()).length, 1);
  assert.deepEqual(
    (await mailbox(ctx, 'anna@example.org')).map((m) => m.template),
    Array(mailLimits.perAddressPerHour).fill('confirm-signature'),
  );
  await confirmSignature(ctx, await confirmationToken(ctx, 'anna@example.org'));
  await assertCounted(petition, 1);
});

test('the same confirmation link clicked five times at once counts once', async () => {
  const petition = await openPetition(ctx, maria, { confirmation: 'email' });
  await signPetition(ctx, petition, { name: 'Anna', email: 'anna@example.org' }, 'en');
  const token = await confirmationToken(ctx, 'anna@example.org');
  const results = await Promise.allSettled([0, 1, 2, 3, 4].map(() => confirmSignature(ctx, token)));
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  await assertCounted(petition, 1);
});
