import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { openPetition } from '../../test/support/petitions.ts';
import { countFromRecord, entriesOfType, petitionRowId } from '../../test/support/record.ts';
import { confirmationToken, mailbox } from '../../test/support/mail.ts';
import { refusal } from '../../test/support/refusal.ts';
import { signPetition } from './sign-petition.ts';
import { confirmSignature } from './confirm-signature.ts';
import { openReceipt } from './open-receipt.ts';
import { withdrawSignature } from './withdraw-signature.ts';
import { closePetition } from './close-petition.ts';
import { findSignature } from '../store/signatures.ts';
import { countSignatures } from '../store/tallies.ts';
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

async function signNow(petition: string, name: string): Promise<{ signature: string; receiptSecret: string }> {
  const result = await signPetition(ctx, petition, { name, showName: 'on' }, 'en');
  assert.equal(result.kind, 'counted');
  return result as { signature: string; receiptSecret: string };
}

test("a signer withdraws with the receipt's secret: the count drops and signature.withdrawn is recorded", async () => {
  const id = await openPetition(ctx, maria);
  const anna = await signNow(id, 'Anna');
  await signNow(id, 'Olga');
  assert.equal(
    (await openReceipt(ctx, anna.signature, anna.receiptSecret)).signature.status,
    'counted',
    'the receipt shows the signature',
  );

  ctx.changes.length = 0;
  await withdrawSignature(ctx, anna.signature, anna.receiptSecret);
  const row = await findSignature(store.db, anna.signature);
  assert.equal(row?.status, 'withdrawn');
  assert.equal(row?.name, null, 'the name goes');
  assert.equal(row?.showName, false);
  assert.deepEqual(
    (await entriesOfType(store.db, id, 'signature.withdrawn')).map((e) => [e.body, e.delta]),
    [[`{"petition":"${id}","signature":"${anna.signature}","type":"signature.withdrawn","v":1}`, -1]],
  );
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 1);
  assert.equal(await countFromRecord(store.db, id), 1);
  assert.deepEqual(ctx.changes, [id]);
});

test('a wrong secret finds no receipt at all, and changes nothing', async () => {
  const id = await openPetition(ctx, maria);
  const anna = await signNow(id, 'Anna');
  const olga = await signNow(id, 'Olga');
  await assert.rejects(withdrawSignature(ctx, anna.signature, olga.receiptSecret), refusal('not-found'));
  await assert.rejects(withdrawSignature(ctx, anna.signature, ''), refusal('not-found'));
  await assert.rejects(withdrawSignature(ctx, 'sNoSuchSignature1', anna.receiptSecret), refusal('not-found'));
  await assert.rejects(openReceipt(ctx, anna.signature, 'guess'), refusal('not-found'));
  assert.equal((await findSignature(store.db, anna.signature))?.status, 'counted');
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 2);
});

test('withdrawing twice is refused the second time and counts once', async () => {
  const id = await openPetition(ctx, maria);
  const anna = await signNow(id, 'Anna');
  await withdrawSignature(ctx, anna.signature, anna.receiptSecret);
  await assert.rejects(withdrawSignature(ctx, anna.signature, anna.receiptSecret), refusal('wrong-state'));
  assert.equal((await entriesOfType(store.db, id, 'signature.withdrawn')).length, 1);
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 0);
});

test('two withdrawals at once with the same receipt count once', async () => {
  const id = await openPetition(ctx, maria);
  const anna = await signNow(id, 'Anna');
  const results = await Promise.allSettled([
    withdrawSignature(ctx, anna.signature, anna.receiptSecret),
    withdrawSignature(ctx, anna.signature, anna.receiptSecret),
  ]);
  assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  assert.equal((await entriesOfType(store.db, id, 'signature.withdrawn')).length, 1);
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 0);
});

test('once a petition is closed its count is final: nobody can withdraw', async () => {
  const id = await openPetition(ctx, maria);
  const anna = await signNow(id, 'Anna');
  await closePetition(ctx, maria, id);
  await assert.rejects(withdrawSignature(ctx, anna.signature, anna.receiptSecret), refusal('petition-not-open'));
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 1);
});

test('a confirmed signer withdraws with the receipt from confirmation, and may then sign again', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  const receipt = await confirmSignature(ctx, await confirmationToken(ctx, 'anna@example.org'));
  await withdrawSignature(ctx, receipt.signature, receipt.receiptSecret);
  assert.equal(
    (await findSignature(store.db, receipt.signature))?.emailHash,
    null,
    'the address no longer blocks signing',
  );

  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  assert.deepEqual(
    (await mailbox(ctx, 'anna@example.org')).map((m) => m.template),
    ['confirm-signature', 'confirm-signature'],
  );
  await confirmSignature(ctx, await confirmationToken(ctx, 'anna@example.org'));
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 1);
  assert.equal(await countFromRecord(store.db, id), 1);
});
