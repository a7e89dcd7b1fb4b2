import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { openPetition } from '../../test/support/petitions.ts';
import { entriesOf, entriesOfType } from '../../test/support/record.ts';
import { refusal } from '../../test/support/refusal.ts';
import { Findings } from '../audit/findings.ts';
import { RecordTally } from '../audit/record-tally.ts';
import { PetitionReader } from '../read/petition-reader.ts';
import { listPaperBatches } from '../store/paper-batches.ts';
import { addPaperBatch } from './add-paper-batch.ts';
import { closePetition } from './close-petition.ts';
import { signPetition } from './sign-petition.ts';
import { withdrawPaperBatch } from './withdraw-paper-batch.ts';
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

const evidence = { sha256: 'ab'.repeat(32), attachmentId: null };

test('a paper batch counts beside online signatures, and its entry holds counts, region and sheets, never a signer', async () => {
  const id = await openPetition(ctx, maria);
  await signPetition(ctx, id, { name: 'Anna' }, 'en');
  const batch = await addPaperBatch(ctx, maria, id, { count: '120', region: 'RU-MOW', sheets: '3, 1-2, 4' }, evidence);
  assert.match(batch, /^b[1-9A-HJ-NP-Za-km-z]{10}$/);
  const [entry] = await entriesOfType(ctx.store.db, id, 'signatures.paper_added');
  assert.equal(
    entry.body,
    `{"batch":"${batch}","count":120,"evidence":"${'ab'.repeat(32)}","petition":"${id}","region":"RU-MOW","sheets":"1-4","type":"signatures.paper_added","v":1}`,
  );
  assert.equal(entry.delta, 0);
  const view = (await new PetitionReader(ctx, 0).view(id))!;
  assert.deepEqual([view.online, view.paper, view.signatures], [1, 120, 121]);
  const listed = (await new PetitionReader(ctx, 0).list()).find((p) => p.petition.publicId === id)!;
  assert.deepEqual([listed.signatures, listed.paper], [121, 120]);
  const catalogue = await new PetitionReader(ctx, 0).catalogue();
  assert.equal(catalogue.sorted.popular.find((p) => p.publicId === id)!.signatures, 121);
  assert.ok(ctx.changes.includes(id));
});

test('a batch corrected is withdrawn with a reason and entered again; the auditor recounts the same', async () => {
  const id = await openPetition(ctx, maria);
  const wrong = await addPaperBatch(ctx, maria, id, { count: 50, sheets: '1-5' });
  await withdrawPaperBatch(ctx, maria, id, wrong, { reason: 'corrected' });
  await addPaperBatch(ctx, maria, id, { count: 45, sheets: '1-5' });
  const batches = await listPaperBatches(ctx.store.db, (await new PetitionReader(ctx, 0).view(id))!.petition.id);
  assert.deepEqual(
    batches.map((b) => [b.count, b.status, b.reason, b.withdrawnAt === null]),
    [
      [50, 'withdrawn', 'corrected', false],
      [45, 'counted', null, true],
    ],
  );
  assert.equal((await new PetitionReader(ctx, 0).view(id))!.paper, 45);
  // What an auditor recomputes from the queued entries agrees with the site.
  const findings = new Findings();
  const tally = new RecordTally(findings);
  (await entriesOf(ctx.store.db, id)).forEach((e, i) => tally.add(new TextEncoder().encode(e.body), i));
  tally.finish();
  assert.deepEqual(findings.discrepancies, []);
  assert.equal(tally.petitions.get(id)!.paper, 45);
  // Withdrawn twice is refused, and leaves no second entry.
  await assert.rejects(withdrawPaperBatch(ctx, maria, id, wrong, { reason: 'other' }), refusal('wrong-state'));
  assert.equal((await entriesOfType(ctx.store.db, id, 'signatures.paper_withdrawn')).length, 1);
});

test('bad input is refused naming each field', async () => {
  const id = await openPetition(ctx, maria);
  await assert.rejects(
    addPaperBatch(ctx, maria, id, { count: '0', region: 'XX-ZZZ', sheets: '5-3' }),
    refusal('invalid-input', [
      { field: 'count', problem: 'out-of-range' },
      { field: 'region', problem: 'not-a-choice' },
      { field: 'sheets', problem: 'not-sheet-numbers' },
    ]),
  );
  await assert.rejects(
    addPaperBatch(ctx, maria, id, { count: '100001', sheets: '' }),
    refusal('invalid-input', [
      { field: 'count', problem: 'out-of-range' },
      { field: 'sheets', problem: 'required' },
    ]),
  );
  await assert.rejects(
    addPaperBatch(ctx, maria, id, { count: 5, sheets: '1', name: 'Ivan Petrov' }),
    refusal('invalid-input', [{ field: 'name', problem: 'unknown-field' }]),
  );
  const batch = await addPaperBatch(ctx, maria, id, { count: 5, sheets: '1' });
  await assert.rejects(
    withdrawPaperBatch(ctx, maria, id, batch, { reason: 'because' }),
    refusal('invalid-input', [{ field: 'reason', problem: 'not-a-choice' }]),
  );
  assert.equal(
    (await entriesOf(ctx.store.db, id)).filter((e) => String(e.entry.type).startsWith('signatures.')).length,
    1,
  );
});

test('only the organiser or an admin enters or withdraws batches; none after the closing, withdrawals still', async () => {
  const id = await openPetition(ctx, maria);
  const other = await addMember(ctx, 'organiser');
  const admin = await addMember(ctx, 'admin');
  await assert.rejects(addPaperBatch(ctx, other, id, { count: 5, sheets: '1' }), refusal('forbidden'));
  const batch = await addPaperBatch(ctx, admin, id, { count: 5, sheets: '1' });
  await assert.rejects(withdrawPaperBatch(ctx, other, id, batch, { reason: 'other' }), refusal('forbidden'));
  await closePetition(ctx, maria, id);
  await assert.rejects(addPaperBatch(ctx, maria, id, { count: 5, sheets: '2' }), refusal('petition-not-open'));
  await withdrawPaperBatch(ctx, maria, id, batch, { reason: 'sheets-unreliable' });
  assert.equal((await new PetitionReader(ctx, 0).view(id))!.paper, 0);
  // A batch of another petition is not found through this one.
  const second = await openPetition(ctx, maria);
  const elsewhere = await addPaperBatch(ctx, maria, second, { count: 5, sheets: '1' });
  await assert.rejects(withdrawPaperBatch(ctx, maria, id, elsewhere, { reason: 'other' }), refusal('not-found'));
});
