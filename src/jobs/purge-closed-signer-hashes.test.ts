import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, day, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { openPetition } from '../../test/support/petitions.ts';
import { petitionRowId } from '../../test/support/record.ts';
import { confirmationToken } from '../../test/support/mail.ts';
import { signPetition } from '../actions/sign-petition.ts';
import { confirmSignature } from '../actions/confirm-signature.ts';
import { closePetition } from '../actions/close-petition.ts';
import { purgeClosedSignerHashes } from './purge-closed-signer-hashes.ts';
import { findPetition } from '../store/petitions.ts';
import { countSignatures } from '../store/tallies.ts';
import type { Actor } from '../actions/context.ts';

let store: TestStore;
let ctx: TestContext;
let maria: Actor;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
  maria = await addMember(ctx, 'organiser');
});
test.afterEach(() => store.drop());

async function signersOf(petition: string) {
  const rows = await store.db
    .selectFrom('signatures')
    .select(['status', 'email_hash', 'email_enc', 'confirm_token_hash'])
    .where('petition_id', '=', await petitionRowId(store.db, petition))
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row }));
}

test('thirty days after a petition closes, what stopped signing twice is forgotten, and the count stays', async () => {
  const closing = await openPetition(ctx, maria, { confirmation: 'email' });
  const staying = await openPetition(ctx, maria, { confirmation: 'email' });
  for (const petition of [closing, staying]) {
    await signPetition(ctx, petition, { name: 'Anna', email: 'anna@example.org' }, 'en');
    await confirmSignature(ctx, await confirmationToken(ctx, 'anna@example.org'));
    await signPetition(ctx, petition, { name: 'Olga', email: 'olga@example.org' }, 'en');
  }
  await closePetition(ctx, maria, closing);
  const closedAt = ctx.now();

  ctx.clock.set(closedAt + 30 * day - 1);
  assert.equal(await purgeClosedSignerHashes(ctx), 0, 'not before thirty days');
  assert.ok((await signersOf(closing)).every((s) => s.email_hash !== null));

  ctx.clock.set(closedAt + 30 * day + 1);
  assert.equal(await purgeClosedSignerHashes(ctx), 1);
  assert.deepEqual(
    await signersOf(closing),
    [
      { status: 'counted', email_hash: null, email_enc: null, confirm_token_hash: null },
      { status: 'pending', email_hash: null, email_enc: null, confirm_token_hash: null },
    ],
    'no hash, no address and no link is left, confirmed or not',
  );
  assert.equal((await findPetition(store.db, closing))?.signerHashesPurgedAt, ctx.now());
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, closing)), 1);

  const open = await signersOf(staying);
  assert.ok(
    open.every((s) => s.email_hash !== null),
    'an open petition keeps its hashes',
  );
  assert.ok(open[1].email_enc !== null, 'and its unconfirmed addresses');
  assert.equal(await purgeClosedSignerHashes(ctx), 0, 'a purged petition is not purged again');
});
