import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import {
  openTestStore,
  testContext,
  testStart,
  day,
  minute,
  type TestContext,
  type TestStore,
} from '../support/database.ts';
import { addMember } from '../support/people.ts';
import { openPetition } from '../support/petitions.ts';
import { countFromRecord, petitionRowId } from '../support/record.ts';
import { pausingAfterInsert } from '../support/failing-store.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { withdrawSignature } from '../../src/actions/withdraw-signature.ts';
import { invalidateSignatures } from '../../src/actions/invalidate-signatures.ts';
import {
  addUpTallies,
  countAll,
  countSignatures,
  countsByDay,
  countsByRegion,
  countsByRegionNow,
} from '../../src/store/tallies.ts';
import { regionsOf } from '../../src/domain/regions.ts';
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

const [regionA, regionB] = regionsOf(['UA'], 'en').map((r) => r.code);
const firstDay = Math.floor(testStart / day);

async function sign(petition: string, name: string, region: string | null) {
  const result = await signPetition(ctx, petition, { name, ...(region ? { region } : {}) }, 'en');
  assert.equal(result.kind, 'counted');
  return result as { signature: string; receiptSecret: string };
}

/** assertCounts checks that the store's count of each petition is the one an auditor computes from the record. */
async function assertCounts(expected: Record<string, number>, when: string): Promise<void> {
  for (const [petition, count] of Object.entries(expected)) {
    assert.equal(await countFromRecord(store.db, petition), count, `the record's count of ${petition} ${when}`);
    assert.equal(
      await countSignatures(store.db, await petitionRowId(store.db, petition)),
      count,
      `countSignatures of ${petition} ${when}`,
    );
  }
  const ids = await Promise.all(Object.keys(expected).map((p) => petitionRowId(store.db, p)));
  assert.deepEqual([...(await countAll(store.db, ids)).values()], Object.values(expected), `countAll ${when}`);
}

test('the public count is added less withdrawn less invalidated, before and after the tally job, and by region and day', async () => {
  const rules = { regionRule: 'optional', regionCountries: ['UA'] };
  const p = await openPetition(ctx, maria, rules);
  const other = await openPetition(ctx, maria, rules);

  const a = await sign(p, 'A', regionA);
  await sign(p, 'B', regionA);
  await sign(p, 'C', regionB);
  await sign(p, 'D', null);
  await sign(other, 'X', regionA);
  ctx.clock.advance(day);
  await sign(p, 'E', regionB);
  await sign(p, 'F', regionB);
  await withdrawSignature(ctx, a.signature, a.receiptSecret);
  const now = Math.floor(ctx.now() / minute);
  assert.equal(
    (
      await invalidateSignatures(ctx, maria, p, {
        from: String(now),
        to: String(now),
        region: regionB,
        reason: 'burst',
      })
    ).signatures,
    2,
  );

  await assertCounts({ [p]: 3, [other]: 1 }, 'before the tally job');
  const id = await petitionRowId(store.db, p);
  assert.deepEqual(await countsByRegion(store.db, id), [], 'nothing tallied yet');
  const byRegion = [
    { region: '', signatures: 1 },
    { region: regionA, signatures: 1 },
    { region: regionB, signatures: 1 },
  ];
  assert.deepEqual(await countsByRegionNow(store.db, id), byRegion, 'the dashboard is exact before the tally job');

  assert.equal(await addUpTallies(store.db), 12, 'two openings, seven signatures, a withdrawal, two invalidations');
  await assertCounts({ [p]: 3, [other]: 1 }, 'after the tally job');
  assert.deepEqual(await countsByRegion(store.db, id), byRegion);
  assert.deepEqual(await countsByRegionNow(store.db, id), byRegion, 'and after it');
  assert.deepEqual(await countsByDay(store.db, id), [{ day: firstDay, signatures: 3 }]);

  assert.equal(await addUpTallies(store.db), 0, 'a second run finds nothing new');
  await assertCounts({ [p]: 3, [other]: 1 }, 'after a second run');

  await sign(p, 'G', regionA);
  await sign(p, 'H', regionB);
  await assertCounts({ [p]: 5, [other]: 1 }, 'with new signatures not yet tallied');
  await addUpTallies(store.db);
  await assertCounts({ [p]: 5, [other]: 1 }, 'once they are tallied');
  assert.deepEqual(await countsByRegionNow(store.db, id), [
    { region: regionA, signatures: 2 },
    { region: regionB, signatures: 2 },
    { region: '', signatures: 1 },
  ]);
  assert.deepEqual(await countsByDay(store.db, id), [
    { day: firstDay, signatures: 3 },
    { day: firstDay + 1, signatures: 2 },
  ]);
});

test('a withdrawal is taken from the region and day the signature was added to, even days later', async () => {
  const p = await openPetition(ctx, maria, { regionRule: 'required', regionCountries: ['UA'] });
  const a = await sign(p, 'A', regionA);
  await sign(p, 'B', regionA);
  await addUpTallies(store.db);
  ctx.clock.advance(3 * day);
  await withdrawSignature(ctx, a.signature, a.receiptSecret);
  await addUpTallies(store.db);
  const id = await petitionRowId(store.db, p);
  assert.deepEqual(await countsByRegion(store.db, id), [{ region: regionA, signatures: 1 }]);
  assert.deepEqual(await countsByDay(store.db, id), [{ day: firstDay, signatures: 1 }]);
  await assertCounts({ [p]: 1 }, 'after the withdrawal');
});

test('tallying in small batches gives the same counts at every step', async () => {
  const p = await openPetition(ctx, maria);
  const receipts = [];
  for (let i = 0; i < 7; i++) receipts.push(await sign(p, `S${i}`, null));
  await withdrawSignature(ctx, receipts[3].signature, receipts[3].receiptSecret);
  let folded = 0;
  for (let run = 0; run < 10; run++) {
    const n = await addUpTallies(store.db, 3);
    folded += n;
    await assertCounts({ [p]: 6 }, `after run ${run + 1}`);
    if (n === 0) break;
  }
  assert.equal(folded, 9, 'the opening, seven signatures and a withdrawal, each folded once');
});

// Under load the tally job runs while signings are in flight. A signing whose transaction took its entry id first but
// commits after a later one must still be counted: the count must never fall behind the record for good.
test('a signature that commits after a later one is still counted once the tally job has run', async () => {
  const p = await openPetition(ctx, maria);
  const slow = pausingAfterInsert(store, 'record_entries');
  const slowSigning = signPetition({ ...ctx, store: slow.store }, p, { name: 'Slow' }, 'en');
  await slow.paused;

  // SQLite has one connection, so these wait for the slow one (we give up waiting soon); PostgreSQL runs them
  // while it is still open, and we wait for them to finish.
  const patience = store.dialect === 'postgres' ? 10_000 : 200;
  const quickSigning = signPetition(ctx, p, { name: 'Quick' }, 'en');
  const tally = (async () => {
    await Promise.race([quickSigning, delay(patience, undefined, { ref: false })]);
    return addUpTallies(store.db);
  })();
  await Promise.race([tally, delay(2 * patience, undefined, { ref: false })]).finally(() => slow.release());
  await Promise.all([slowSigning, quickSigning, tally]);

  await assertCounts({ [p]: 2 }, 'once both signings have committed');
  await addUpTallies(store.db);
  await assertCounts({ [p]: 2 }, 'after the next tally run');
});
