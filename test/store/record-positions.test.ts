import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testContext, type TestContext } from '../support/database.ts';
import { addMember } from '../support/people.ts';
import { openPetition } from '../support/petitions.ts';
import { openRecordTestStore, testIdentity, type RecordTestStore } from '../support/read-record.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { withdrawSignature } from '../../src/actions/withdraw-signature.ts';
import { recoverRecord, sequenceBatch } from '../../src/record/sequencer.ts';
import { addUpTallies } from '../../src/store/tallies.ts';
import { openRecordStorage, type RecordStorage } from '../../src/store/record-storage.ts';
import { countInRecord, signatureEntries, wasCheckpointed } from '../../src/store/record-positions.ts';
import { findPetition } from '../../src/store/petitions.ts';

const identity = testIdentity();
let store: RecordTestStore;
let ctx: TestContext;
let record: RecordStorage;

test.beforeEach(async () => {
  store = await openRecordTestStore();
  ctx = testContext(store);
  record = openRecordStorage(store, store);
  await recoverRecord(record.ledger, record.tiles, identity);
});
test.afterEach(() => store.drop());

async function sign(petition: string, count: number) {
  const receipts: { signature: string; receiptSecret: string }[] = [];
  for (let i = 0; i < count; i++) {
    const result = await signPetition(ctx, petition, { name: `Signer ${i}` }, 'en');
    if (result.kind === 'counted') receipts.push(result);
  }
  return receipts;
}

/** directCount is the definition: the sum of the deltas of the petition's entries at leaf indexes below `size`. */
async function directCount(petitionId: number, size: number): Promise<number> {
  const result = await sql<{
    n: number | null;
  }>`select sum(delta) as n from record_entries where petition_id = ${petitionId} and leaf_index < ${size}`.execute(
    store.db,
  );
  return Number(result.rows[0].n ?? 0);
}

test("a petition's count at each committed size is the sum of its entries below that size, tallied or not", async () => {
  const petition = await openPetition(ctx, await addMember(ctx, 'organiser'));
  const petitionId = Number((await findPetition(store.db, petition))!.id);
  const receipts = await sign(petition, 12);
  const sizes = [(await sequenceBatch(record.ledger, record.tiles, identity)).size];
  await addUpTallies(store.db);
  await withdrawSignature(ctx, receipts[0].signature, receipts[0].receiptSecret);
  await sign(petition, 5);
  sizes.push((await sequenceBatch(record.ledger, record.tiles, identity)).size);
  await sign(petition, 3);
  await withdrawSignature(ctx, receipts[1].signature, receipts[1].receiptSecret);
  for (const size of sizes) {
    const count = await countInRecord(store.db, petitionId, size);
    assert.equal(count.signatures, await directCount(petitionId, size), `at size ${size}`);
    assert.equal(count.now, 12 - 1 + 5 + 3 - 1);
    assert.ok(await wasCheckpointed(store.db, size));
  }
  assert.deepEqual([await directCount(petitionId, sizes[0]), await directCount(petitionId, sizes[1])], [12, 16]);
  assert.equal(await wasCheckpointed(store.db, sizes[1] - 1), false);
});

test("a signature's entries come in queue order with their petition and, once sequenced, their leaf index", async () => {
  const petition = await openPetition(ctx, await addMember(ctx, 'organiser'));
  const [mine] = await sign(petition, 1);
  const waiting = await signatureEntries(store.db, mine.signature);
  assert.deepEqual(
    waiting.map((e) => [e.type, e.petition, e.leafIndex]),
    [['signature.added', petition, null]],
  );
  await sequenceBatch(record.ledger, record.tiles, identity);
  await withdrawSignature(ctx, mine.signature, mine.receiptSecret);
  const entries = await signatureEntries(store.db, mine.signature);
  assert.deepEqual(
    entries.map((e) => e.type),
    ['signature.added', 'signature.withdrawn'],
  );
  assert.equal(typeof entries[0].leafIndex, 'number');
  assert.equal(entries[1].leafIndex, null);
  assert.deepEqual(JSON.parse(entries[1].body), {
    petition,
    signature: mine.signature,
    type: 'signature.withdrawn',
    v: 1,
  });
  assert.deepEqual(await signatureEntries(store.db, 'sNoSuchSignature'), []);
});
