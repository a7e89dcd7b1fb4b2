import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { testContext, type TestContext } from '../support/database.ts';
import { addMember } from '../support/people.ts';
import { openPetition } from '../support/petitions.ts';
import {
  openRecordTestStore,
  readPublishedRecord,
  testIdentity,
  type PublishedRecord,
  type RecordTestStore,
} from '../support/read-record.ts';
import { InjectedFailure } from '../support/failing-store.ts';
import { FailingTileStore } from '../fakes/failing-tile-store.ts';
import { committingThenFailing } from '../fakes/failing-ledger.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { withdrawSignature } from '../../src/actions/withdraw-signature.ts';
import { closePetition } from '../../src/actions/close-petition.ts';
import { assertLogAccepting } from '../../src/actions/assert-log-accepting.ts';
import { VecheError } from '../../src/domain/errors.ts';
import { leafHash } from '../../src/record/merkle.ts';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from '../../src/record/proofs.ts';
import { recoverRecord, sequenceBatch } from '../../src/record/sequencer.ts';
import { RecordSequencer, startSequencer } from '../../src/record/start-sequencer.ts';
import { LedgerConflict } from '../../src/record/tile-store.ts';
import { queueEntries } from '../../src/store/record-queue.ts';
import { openRecordStorage, type RecordStorage } from '../../src/store/record-storage.ts';
import type { Actor } from '../../src/actions/context.ts';

const identity = testIdentity();
const quiet = { info() {}, warn() {}, error() {} };

let store: RecordTestStore;
let ctx: TestContext;
let record: RecordStorage;
let maria: Actor;

test.beforeEach(async () => {
  store = await openRecordTestStore();
  ctx = testContext(store);
  record = openRecordStorage(store, store);
  maria = await addMember(ctx, 'organiser');
});
test.afterEach(() => store.drop());

/** sign signs a petition `count` times without confirmation, as many people would, and returns their receipts. */
async function sign(petition: string, count: number) {
  const receipts: { signature: string; receiptSecret: string }[] = [];
  for (let i = 0; i < count; i++) {
    const result = await signPetition(ctx, petition, { name: `Signer ${i}` }, 'en');
    if (result.kind === 'counted') receipts.push(result);
  }
  return receipts;
}

/** queueBulk queues `count` entries straight into the queue, for volumes the actions would take long to make. */
async function queueBulk(count: number, tag = 'bulk'): Promise<void> {
  for (let at = 0; at < count; at += 1000) {
    const n = Math.min(1000, count - at);
    await queueEntries(
      store.db,
      Array.from({ length: n }, (_, i) => ({
        petitionId: null,
        delta: 0,
        entry: {
          type: 'signature.added' as const,
          v: 1 as const,
          petition: tag,
          signature: `s${at + i}`,
          confirmed: true,
        },
      })),
    );
  }
}

/** queued returns every queued entry's body and leaf index, in queue order. */
async function queued() {
  const rows = await store.db.selectFrom('record_entries').select(['id', 'body', 'leaf_index']).orderBy('id').execute();
  return rows.map((row) => ({
    id: Number(row.id),
    body: row.body,
    leafIndex: row.leaf_index === null ? null : Number(row.leaf_index),
  }));
}

/** checkAgainstQueue asserts that the published record holds every sequenced entry once, at its leaf index. */
async function checkAgainstQueue(published: PublishedRecord): Promise<void> {
  const rows = await queued();
  const sequenced = rows.filter((row) => row.leafIndex !== null);
  assert.equal(sequenced.length, published.checkpoint.size, 'as many entries sequenced as the checkpoint counts');
  for (const row of sequenced)
    assert.equal(published.texts[row.leafIndex!], row.body, `entry ${row.id} is at leaf ${row.leafIndex}`);
  assert.deepEqual(published.texts.toSorted(), sequenced.map((row) => row.body).sort(), 'no entry twice');
}

test('petitions and signatures become a record whose checkpoint, tiles, bundles and proofs all verify', async () => {
  const kyiv = await openPetition(ctx, maria);
  const odesa = await openPetition(ctx, maria, { title: 'Rotation home for every mobilised soldier' });
  const receipts = await sign(kyiv, 180);
  await sign(odesa, 120);
  for (const receipt of receipts.slice(0, 5)) await withdrawSignature(ctx, receipt.signature, receipt.receiptSecret);
  await closePetition(ctx, maria, odesa);
  const total = (await queued()).length;
  assert.equal(total, 2 + 300 + 5 + 1);

  await recoverRecord(record.ledger, record.tiles, identity);
  let previous = await readPublishedRecord(record.tiles, identity);
  for (const limit of [50, 1, 205, 1000]) {
    await sequenceBatch(record.ledger, record.tiles, identity, limit);
    const now = await readPublishedRecord(record.tiles, identity);
    await checkAgainstQueue(now);
    if (previous.checkpoint.size > 0) {
      const proof = consistencyProof(previous.checkpoint.size, now.checkpoint.size, now.read);
      assert.ok(
        verifyConsistency(
          previous.checkpoint.size,
          now.checkpoint.size,
          proof,
          previous.checkpoint.root,
          now.checkpoint.root,
        ),
      );
    }
    for (let k = 0; k < 10; k++) {
      const index = randomInt(now.checkpoint.size);
      const proof = inclusionProof(index, now.checkpoint.size, now.read);
      assert.ok(
        verifyInclusion(leafHash(now.entries[index]), index, now.checkpoint.size, proof, now.checkpoint.root),
        `leaf ${index}`,
      );
    }
    previous = now;
  }
  assert.equal(previous.checkpoint.size, total, 'every queued entry is in the record');
  assert.equal(
    (await record.ledger.committed())?.checkpoint,
    previous.note,
    'the published checkpoint is the committed one',
  );
  assert.equal(previous.texts.filter((t) => t.includes('"signature.withdrawn"')).length, 5);
});

test("entries are shuffled within a batch: the record's order is not the order of signing", async () => {
  await queueBulk(80);
  await recoverRecord(record.ledger, record.tiles, identity);
  await sequenceBatch(record.ledger, record.tiles, identity, 40);
  await sequenceBatch(record.ledger, record.tiles, identity, 40);
  const rows = await queued();
  const byLeaf = rows.toSorted((a, b) => a.leafIndex! - b.leafIndex!).map((row) => row.id);
  const ids = rows.map((row) => row.id);
  assert.deepEqual(
    byLeaf.slice(0, 40).toSorted((a, b) => a - b),
    ids.slice(0, 40),
    'the first batch is the oldest 40',
  );
  assert.notDeepEqual(byLeaf.slice(0, 40), ids.slice(0, 40), 'in another order (1 in 40! by chance)');
  assert.notDeepEqual(byLeaf.slice(40), ids.slice(40));
});

test('ticks that crash while writing tiles, again and again, lose nothing and double nothing', async () => {
  const kyiv = await openPetition(ctx, maria);
  await sign(kyiv, 20);
  await queueBulk(280);
  await recoverRecord(record.ledger, record.tiles, identity);
  await sequenceBatch(record.ledger, record.tiles, identity);
  let published = await readPublishedRecord(record.tiles, identity);
  for (let round = 0; round < 5; round++) {
    await queueBulk(150 + randomInt(300), `round${round}`);
    await sign(kyiv, 3);
    const before = await queued();
    // Every tick writes at least a level-0 tile and a bundle before its commit: fail at one of those.
    const failing = new FailingTileStore(record.tiles, {
      failAfter: randomInt(2),
      persisted: round % 2 === 0,
      only: (path) => path.startsWith('tile/'),
    });
    await assert.rejects(sequenceBatch(record.ledger, failing, identity), InjectedFailure);
    assert.deepEqual(await queued(), before, `round ${round}: the crashed tick set no leaf index`);
    assert.equal((await record.ledger.committed())?.size, published.checkpoint.size, 'nor moved the committed tree');

    // Restart: new ledger and tile store objects over the same database and folder, as a new process would have.
    const restarted = openRecordStorage(store, store);
    await recoverRecord(restarted.ledger, restarted.tiles, identity);
    await sequenceBatch(restarted.ledger, restarted.tiles, identity);
    const now = await readPublishedRecord(restarted.tiles, identity);
    assert.equal(now.checkpoint.size, before.length, 'every entry queued is sequenced');
    await checkAgainstQueue(now);
    const proof = consistencyProof(published.checkpoint.size, now.checkpoint.size, now.read);
    assert.ok(
      verifyConsistency(
        published.checkpoint.size,
        now.checkpoint.size,
        proof,
        published.checkpoint.root,
        now.checkpoint.root,
      ),
    );
    published = now;
  }
});

test('a crash right after the commit: the restarted sequencer publishes that checkpoint and sequences nothing twice', async () => {
  await queueBulk(300);
  await recoverRecord(record.ledger, record.tiles, identity);
  await assert.rejects(sequenceBatch(committingThenFailing(record.ledger), record.tiles, identity), InjectedFailure);
  const committed = await record.ledger.committed();
  assert.equal(committed?.size, 300);
  assert.equal(
    (await readPublishedRecord(record.tiles, identity)).checkpoint.size,
    0,
    'the crash came before publishing',
  );
  await recoverRecord(record.ledger, record.tiles, identity);
  const published = await readPublishedRecord(record.tiles, identity);
  assert.equal(published.note, committed?.checkpoint);
  assert.deepEqual(await sequenceBatch(record.ledger, record.tiles, identity), { size: 300, sequenced: 0 });
  await checkAgainstQueue(published);
});

test('a commit from a tree that moved on, or of an entry already sequenced, changes nothing', async () => {
  await queueBulk(10);
  await recoverRecord(record.ledger, record.tiles, identity);
  await sequenceBatch(record.ledger, record.tiles, identity, 5);
  const tree = (await record.ledger.committed())!;
  const rows = await queued();
  const fresh = rows.filter((row) => row.leafIndex === null);
  const stale = rows.find((row) => row.leafIndex !== null)!;
  const next = { size: 7, root: new Uint8Array(32), checkpoint: 'not used\n' };
  await assert.rejects(record.ledger.commit(null, next, []), LedgerConflict);
  await assert.rejects(
    record.ledger.commit(4, next, [
      { id: fresh[0].id, leafIndex: 5 },
      { id: fresh[1].id, leafIndex: 6 },
    ]),
    LedgerConflict,
  );
  await assert.rejects(
    record.ledger.commit(5, next, [
      { id: fresh[0].id, leafIndex: 5 },
      { id: stale.id, leafIndex: 6 },
    ]),
    LedgerConflict,
  );
  assert.deepEqual(await queued(), rows, 'no leaf index changed');
  assert.deepEqual(await record.ledger.committed(), tree, 'nor the committed tree');
  assert.equal(await record.ledger.hasCheckpointBetween(7, 8), false, 'nor the history');
});

test('with the sequencer stalled, more entries than the limit push back, and nothing waiting is lost', async () => {
  const kyiv = await openPetition(ctx, maria);
  await recoverRecord(record.ledger, record.tiles, identity);
  const stalled = new RecordSequencer({
    lease: { acquire: async () => null },
    ledger: record.ledger,
    identity,
    tickMs: 10,
    queueLimit: 20,
    loop: false,
    log: quiet,
  });
  const pushing = { ...ctx, logBacklog: stalled };
  await sign(kyiv, 20);
  assert.equal(await stalled.countBacklog(), 21, 'the petition opened and 20 signatures wait');
  assert.equal(stalled.accepting(), false);
  assert.throws(
    () => assertLogAccepting(pushing),
    (error: unknown) => error instanceof VecheError && error.code === 'log-pushback',
  );
  assert.doesNotThrow(() => assertLogAccepting(ctx), 'a context without a backlog never pushes back');

  await sequenceBatch(record.ledger, record.tiles, identity);
  assert.equal(await stalled.countBacklog(), 0);
  assert.doesNotThrow(() => assertLogAccepting(pushing));
  const published = await readPublishedRecord(record.tiles, identity);
  assert.equal(published.checkpoint.size, 21, 'everything that waited is in the record');
  await stalled.stop();
});

test('signing is refused with log-pushback while the record is too far behind', async () => {
  const kyiv = await openPetition(ctx, maria);
  const stalled = new RecordSequencer({
    lease: { acquire: async () => null },
    ledger: record.ledger,
    identity,
    tickMs: 10,
    queueLimit: 1,
    loop: false,
    log: quiet,
  });
  await sign(kyiv, 1);
  await stalled.countBacklog();
  await assert.rejects(
    signPetition({ ...ctx, logBacklog: stalled }, kyiv, { name: 'Olena' }, 'en'),
    (error: unknown) => error instanceof VecheError && error.code === 'log-pushback',
  );
});

test('the running sequencer covers each signature with a signed checkpoint within a few ticks', async () => {
  const kyiv = await openPetition(ctx, maria);
  const sequencer = await startSequencer({
    lease: record.lease,
    ledger: record.ledger,
    identity,
    tickMs: 20,
    queueLimit: 1000,
    log: quiet,
  });
  try {
    assert.equal(sequencer.sequencing, true);
    await sign(kyiv, 30);
    const published = await waitFor(async () => {
      const now = await readPublishedRecord(record.tiles, identity);
      return now.checkpoint.size === 31 ? now : null;
    });
    await checkAgainstQueue(published);
    assert.equal(await sequencer.countBacklog(), 0);
  } finally {
    await sequencer.stop();
  }
});

test('a sequencer does not start on a record signed by another key', async () => {
  await recoverRecord(record.ledger, record.tiles, identity);
  await assert.rejects(
    startSequencer({
      lease: record.lease,
      ledger: record.ledger,
      identity: testIdentity(identity.origin, 9),
      tickMs: 20,
      queueLimit: 10,
      log: quiet,
    }),
    /never changes its key or origin/,
  );
});

test('on SQLite the commit is made durable and the connection goes back to synchronous=NORMAL', async (t) => {
  if (store.dialect !== 'sqlite') return t.skip('SQLite only');
  await queueBulk(3);
  await recoverRecord(record.ledger, record.tiles, identity);
  await sequenceBatch(record.ledger, record.tiles, identity);
  const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
  assert.equal(Number(rows[0].synchronous), 1);
});

test("on PostgreSQL exactly one node holds the sequencer's lock, and another takes over when its session dies", async (t) => {
  if (store.dialect !== 'postgres') return t.skip('PostgreSQL only: an SQLite data folder has one server process');
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0].schema;
  const first = openRecordStorage(store, store).lease;
  const second = openRecordStorage(store, store).lease;
  const held = await first.acquire();
  assert.ok(held !== null);
  try {
    assert.equal(await second.acquire(), null, 'the second node waits');
    assert.equal((await lockHolders(schema)).length, 1);
    await recoverRecord(held.ledger, held.tiles, identity);

    // The first node's session dies (its machine vanished, and TCP keepalives ended the session).
    await sql`select pg_terminate_backend(${(await lockHolders(schema))[0]})`.execute(store.db);
    await assert.rejects(held.tiles.put('tile/0/000.p/1', new Uint8Array(32)), 'a lost session writes nothing');
    const taken = await waitFor(() => second.acquire());
    try {
      await queueBulk(5);
      await recoverRecord(taken.ledger, taken.tiles, identity);
      assert.deepEqual(await sequenceBatch(taken.ledger, taken.tiles, identity), { size: 5, sequenced: 5 });
      await assert.rejects(sequenceBatch(held.ledger, held.tiles, identity), 'the old node cannot sequence');
      await checkAgainstQueue(await readPublishedRecord(record.tiles, identity));
    } finally {
      await taken.release();
    }
    assert.deepEqual(await lockHolders(schema), [], 'released with the session');
  } finally {
    await held.release();
  }
});

test('on PostgreSQL two running sequencers take turns: one sequences, the other takes over when it stops', async (t) => {
  if (store.dialect !== 'postgres') return t.skip('PostgreSQL only');
  const options = { ledger: record.ledger, identity, tickMs: 20, retryMs: 50, queueLimit: 1000, log: quiet };
  const a = await startSequencer({ ...options, lease: openRecordStorage(store, store).lease });
  const b = await startSequencer({ ...options, lease: openRecordStorage(store, store).lease });
  try {
    assert.equal(a.sequencing, true);
    assert.equal(b.sequencing, false);
    await queueBulk(10, 'a');
    await waitFor(async () => ((await record.ledger.committed())?.size === 10 ? true : null));
    await a.stop();
    await queueBulk(10, 'b');
    await waitFor(async () => ((await record.ledger.committed())?.size === 20 ? true : null));
    assert.equal(b.sequencing, true);
    await checkAgainstQueue(await readPublishedRecord(record.tiles, identity));
  } finally {
    await a.stop();
    await b.stop();
  }
});

async function lockHolders(schema: string): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_locks where locktype = 'advisory' and granted
    and classid = 7263003 and objsubid = 2 and objid::bigint = (hashtext(${schema})::bigint + 4294967296) % 4294967296`.execute(
    store.db,
  );
  return rows.map((row) => Number(row.pid));
}

async function waitFor<T>(probe: () => Promise<T | null>, ms = 20_000): Promise<T> {
  for (const start = Date.now(); Date.now() - start < ms; await sleep(20)) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
  }
  throw new Error(`not within ${ms} ms`);
}
