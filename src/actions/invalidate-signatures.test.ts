import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, minute, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { openPetition } from '../../test/support/petitions.ts';
import { countFromRecord, entriesOfType, petitionRowId } from '../../test/support/record.ts';
import { refusal } from '../../test/support/refusal.ts';
import { signPetition } from './sign-petition.ts';
import { invalidateSignatures } from './invalidate-signatures.ts';
import { withdrawSignature } from './withdraw-signature.ts';
import { closePetition } from './close-petition.ts';
import { findSignature, listInvalidations } from '../store/signatures.ts';
import { countSignatures } from '../store/tallies.ts';
import { regionsOf } from '../domain/regions.ts';
import type { Actor } from './context.ts';

let store: TestStore;
let ctx: TestContext;
let maria: Actor;
let petition: string;

const [regionA, regionB] = regionsOf(['UA'], 'en').map((r) => r.code);

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
  maria = await addMember(ctx, 'organiser');
  petition = await openPetition(ctx, maria, { regionRule: 'optional', regionCountries: ['UA'] });
});
test.afterEach(() => store.drop());

/** signAt signs at `offset` minutes after the test's start and returns the signature's public id and secret. */
async function signAt(offset: number, name: string, region: string | null) {
  ctx.clock.set(startMinute() * minute + offset * minute);
  const result = await signPetition(ctx, petition, { name, ...(region ? { region } : {}) }, 'en');
  assert.equal(result.kind, 'counted');
  return result as { signature: string; receiptSecret: string };
}

const startMinute = () => Math.floor(Date.UTC(2026, 2, 12, 12, 0) / minute);
const count = async () => countSignatures(store.db, await petitionRowId(store.db, petition));

test('an organiser takes a burst in one region out of the count: one signature.invalidated entry per signature', async () => {
  const a = await signAt(0, 'A', regionA);
  const b = await signAt(1, 'B', regionB);
  const c = await signAt(2, 'C', regionA);
  const d = await signAt(10, 'D', regionA);
  const e = await signAt(2, 'E', null);
  ctx.changes.length = 0;

  const result = await invalidateSignatures(ctx, maria, petition, {
    from: String(startMinute()),
    to: String(startMinute() + 2),
    region: regionA,
    reason: 'burst',
  });
  assert.equal(result.signatures, 2);
  assert.match(result.invalidation, /^i[1-9A-HJ-NP-Za-km-z]{10}$/);

  const entries = await entriesOfType(store.db, petition, 'signature.invalidated');
  assert.deepEqual(
    entries.map((x) => [x.body, x.delta]).sort(),
    [a, c]
      .map((s) => [
        `{"invalidation":"${result.invalidation}","petition":"${petition}","reason":"burst","signature":"${s.signature}","type":"signature.invalidated","v":1}`,
        -1,
      ])
      .sort(),
  );
  for (const s of [a, c]) assert.equal((await findSignature(store.db, s.signature))?.status, 'invalidated');
  for (const s of [b, d, e])
    assert.equal((await findSignature(store.db, s.signature))?.status, 'counted', 'outside the window or region');
  assert.equal(await count(), 3);
  assert.equal(await countFromRecord(store.db, petition), 3);
  assert.deepEqual(ctx.changes, [petition]);

  const [shown] = await listInvalidations(store.db, await petitionRowId(store.db, petition));
  assert.deepEqual(
    { ...shown, createdAt: Number(shown.createdAt) },
    {
      publicId: result.invalidation,
      reason: 'burst',
      signatures: 2,
      createdAt: ctx.now(),
      fromMinute: startMinute(),
      toMinute: startMinute() + 2,
      region: regionA,
    },
  );
});

test('a window without a region takes every region; the same window again takes nothing more', async () => {
  await signAt(0, 'A', regionA);
  await signAt(1, 'B', regionB);
  await signAt(5, 'C', null);
  await signAt(6, 'D', regionB);
  const from = new Date(startMinute() * minute).toISOString().slice(0, 16);
  const to = new Date((startMinute() + 5) * minute).toISOString().slice(0, 16);
  const first = await invalidateSignatures(ctx, maria, petition, { from, to, reason: 'automated' });
  assert.equal(first.signatures, 3, 'a datetime-local window is read as UTC minutes, both ends included');
  const again = await invalidateSignatures(ctx, maria, petition, { from, to, reason: 'automated' });
  assert.equal(again.signatures, 0);
  assert.equal((await entriesOfType(store.db, petition, 'signature.invalidated')).length, 3);
  assert.equal(await count(), 1);
});

test('a withdrawn signature is not invalidated, and an invalidated one cannot be withdrawn', async () => {
  const a = await signAt(0, 'A', regionA);
  const b = await signAt(0, 'B', regionA);
  await withdrawSignature(ctx, a.signature, a.receiptSecret);
  const result = await invalidateSignatures(ctx, maria, petition, {
    from: String(startMinute()),
    to: String(startMinute()),
    reason: 'duplicates',
  });
  assert.equal(result.signatures, 1);
  await assert.rejects(withdrawSignature(ctx, b.signature, b.receiptSecret), refusal('wrong-state'));
  assert.equal(await count(), 0);
  assert.equal(await countFromRecord(store.db, petition), 0);
});

test('a closed petition can still be cleaned of fraud', async () => {
  await signAt(0, 'A', regionA);
  await closePetition(ctx, maria, petition);
  const result = await invalidateSignatures(ctx, maria, petition, {
    from: String(startMinute()),
    to: String(startMinute()),
    reason: 'other',
  });
  assert.equal(result.signatures, 1);
  assert.equal(await count(), 0);
});

test('a bad window is refused with each field named, and only the organiser or an admin may invalidate', async () => {
  await signAt(0, 'A', regionA);
  await assert.rejects(
    invalidateSignatures(ctx, maria, petition, { from: '2026-03-12T12:05', to: '2026-03-12T12:00', reason: 'because' }),
    refusal('invalid-input', [
      { field: 'reason', problem: 'not-a-choice' },
      { field: 'to', problem: 'before-start' },
    ]),
  );
  await assert.rejects(
    invalidateSignatures(ctx, maria, petition, {
      from: 'yesterday',
      to: String(startMinute() + 40 * 1440),
      reason: 'burst',
    }),
    refusal('invalid-input', [{ field: 'from', problem: 'not-a-date' }]),
  );
  await assert.rejects(
    invalidateSignatures(ctx, maria, petition, {
      from: String(startMinute()),
      to: String(startMinute() + 32 * 1440),
      reason: 'burst',
    }),
    refusal('invalid-input', [{ field: 'to', problem: 'window-too-long' }]),
  );
  const window = { from: String(startMinute()), to: String(startMinute()), reason: 'burst' };
  await assert.rejects(
    invalidateSignatures(ctx, await addMember(ctx, 'organiser'), petition, window),
    refusal('forbidden'),
  );
  await assert.rejects(
    invalidateSignatures(ctx, await addMember(ctx, 'moderator'), petition, window),
    refusal('forbidden'),
  );
  assert.equal(await count(), 1);
  assert.equal((await invalidateSignatures(ctx, await addMember(ctx, 'admin'), petition, window)).signatures, 1);
});
