import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import { LogReader } from './log-reader.ts';
import { leafHash } from './merkle.ts';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './proofs.ts';
import { rebuildTiles, recoverRecord, sequenceBatch, shuffle } from './sequencer.ts';
import { entriesPath, parseTilePath, tilePath } from './tile-path.ts';
import { CHECKPOINT_PATH } from './tile-store.ts';
import { MemoryRecordLedger } from '../../test/fakes/memory-record-ledger.ts';
import { MemoryTileStore } from '../../test/fakes/memory-tile-store.ts';
import { FailingTileStore } from '../../test/fakes/failing-tile-store.ts';
import { committingThenFailing } from '../../test/fakes/failing-ledger.ts';
import { InjectedFailure } from '../../test/support/failing-store.ts';
import { readPublishedRecord, testIdentity, type PublishedRecord } from '../../test/support/read-record.ts';

const identity = testIdentity();
const entry = (i: number) => `{"petition":"p${i % 7}","signature":"s${i}","type":"signature.added","v":1}`;

async function freshLog(queued = 0) {
  const ledger = new MemoryRecordLedger();
  const tiles = new MemoryTileStore();
  ledger.add(...Array.from({ length: queued }, (_, i) => entry(i)));
  await recoverRecord(ledger, tiles, identity);
  return { ledger, tiles };
}

test('a log grown tick by tick past 65,536 entries publishes tiles that prove every checkpoint and entry', async () => {
  const { ledger, tiles } = await freshLog(72_000);
  let previous: PublishedRecord = await readPublishedRecord(tiles, identity);
  assert.equal(previous.checkpoint.size, 0, 'first start publishes the empty tree');
  for (const limit of [
    1,
    1,
    254,
    256,
    300,
    1000,
    5000,
    10_000,
    10_000,
    10_000,
    10_000,
    10_000,
    10_000,
    2000,
    1,
    randomInt(1, 2000),
  ]) {
    const before: number = previous.checkpoint.size;
    const result = await sequenceBatch(ledger, tiles, identity, limit);
    assert.deepEqual(result, { size: before + limit, sequenced: limit });
    const now = await readPublishedRecord(tiles, identity);
    assert.equal(now.checkpoint.size, before + limit);
    assert.deepEqual(now.entries.slice(0, before), previous.entries, 'what was published stays as it was');
    if (before > 0) {
      const proof = consistencyProof(before, now.checkpoint.size, now.read);
      assert.ok(
        verifyConsistency(before, now.checkpoint.size, proof, previous.checkpoint.root, now.checkpoint.root),
        `${before} → ${now.checkpoint.size}`,
      );
    }
    for (let k = 0; k < 5; k++) {
      const index = randomInt(now.checkpoint.size);
      const proof = inclusionProof(index, now.checkpoint.size, now.read);
      assert.ok(
        verifyInclusion(leafHash(now.entries[index]), index, now.checkpoint.size, proof, now.checkpoint.root),
        `leaf ${index}`,
      );
    }
    previous = now;
  }
  assert.ok(previous.checkpoint.size > 65_536, 'the tree reached level 2 tiles');
  const queued = ledger.queue.filter((q) => q.leafIndex !== null).map((q) => new TextDecoder().decode(q.entry));
  assert.deepEqual([...previous.texts].sort(), queued.sort(), 'every sequenced entry is published once');
  for (const q of ledger.queue.filter((row) => row.leafIndex !== null)) {
    assert.deepEqual(previous.entries[q.leafIndex!], q.entry, `entry ${q.id} is at its leaf index`);
  }
});

test('a tick with nothing pending changes nothing and signs nothing', async () => {
  const { ledger, tiles } = await freshLog(3);
  await sequenceBatch(ledger, tiles, identity);
  const before = new Map(tiles.blobs);
  assert.deepEqual(await sequenceBatch(ledger, tiles, identity), { size: 3, sequenced: 0 });
  assert.deepEqual(tiles.blobs, before);
});

test('entries are shuffled within a batch, never across batches', async () => {
  const { ledger, tiles } = await freshLog(60);
  await sequenceBatch(ledger, tiles, identity, 30);
  await sequenceBatch(ledger, tiles, identity, 30);
  const ids = ledger.queue.map((q) => q.id);
  const inLogOrder = [...ledger.queue].sort((a, b) => a.leafIndex! - b.leafIndex!).map((q) => q.id);
  assert.deepEqual(
    inLogOrder.slice(0, 30).sort((a, b) => a - b),
    ids.slice(0, 30),
    'the first batch is the 30 oldest',
  );
  assert.deepEqual(
    inLogOrder.slice(30).sort((a, b) => a - b),
    ids.slice(30),
  );
  // 1 in 30! that either batch keeps queue order by chance.
  assert.notDeepEqual(inLogOrder.slice(0, 30), ids.slice(0, 30));
  assert.notDeepEqual(inLogOrder.slice(30), ids.slice(30));
});

test('shuffle gives every position to every item', () => {
  const seen = Array.from({ length: 5 }, () => new Set<number>());
  for (let round = 0; round < 400; round++) {
    const items = [0, 1, 2, 3, 4];
    shuffle(items);
    assert.deepEqual([...items].sort(), [0, 1, 2, 3, 4]);
    items.forEach((item, position) => seen[item].add(position));
  }
  assert.ok(seen.every((positions) => positions.size === 5));
});

test('a tick that fails at any of its writes commits nothing, and the next tick sequences every entry once', async () => {
  // 300 committed, then 600 more: the failing tick writes full and partial tiles on two levels, and bundles.
  const puts = await countPuts(300, 600);
  for (let failAfter = 0; failAfter < puts; failAfter++) {
    for (const persisted of [false, true]) {
      const { ledger, tiles } = await freshLog(900);
      await sequenceBatch(ledger, tiles, identity, 300);
      const committed = await readPublishedRecord(tiles, identity);
      const failing = new FailingTileStore(tiles, { failAfter, persisted });
      await assert.rejects(sequenceBatch(ledger, failing, identity, 600), InjectedFailure);
      const afterCrash = await ledger.committed();
      const checkpointFailed = failAfter === puts - 1;
      assert.equal(
        afterCrash!.size,
        checkpointFailed ? 900 : 300,
        `failAfter ${failAfter}: committed only when every tile was written`,
      );
      if (!checkpointFailed) assert.equal((await ledger.pending(1000)).length, 600, 'the batch still waits');
      const published = checkpointFailed && persisted ? 900 : 300;
      assert.equal(
        (await readPublishedRecord(tiles, identity)).checkpoint.size,
        published,
        'what is published is whole',
      );

      await recoverRecord(ledger, tiles, identity);
      await sequenceBatch(ledger, tiles, identity, 1000);
      const now = await readPublishedRecord(tiles, identity);
      assert.equal(now.checkpoint.size, 900, 'nothing lost');
      assert.deepEqual(now.texts.toSorted(), Array.from({ length: 900 }, (_, i) => entry(i)).sort(), 'nothing doubled');
      const proof = consistencyProof(300, 900, now.read);
      assert.ok(
        verifyConsistency(300, 900, proof, committed.checkpoint.root, now.checkpoint.root),
        'consistent with what was published',
      );
    }
  }
});

test('a crash right after the commit: recovery publishes the checkpoint that was committed, byte for byte', async () => {
  const { ledger, tiles } = await freshLog(10);
  const crashing = committingThenFailing(ledger);
  await assert.rejects(sequenceBatch(crashing, tiles, identity), InjectedFailure);
  const committed = await ledger.committed();
  assert.equal(committed!.size, 10);
  assert.equal((await readPublishedRecord(tiles, identity)).checkpoint.size, 0, 'not yet published');
  await recoverRecord(ledger, tiles, identity);
  assert.equal(new TextDecoder().decode(tiles.readSync(CHECKPOINT_PATH)), committed!.checkpoint);
  assert.equal((await readPublishedRecord(tiles, identity)).checkpoint.size, 10);
});

test('tiles left by a failed tick are never served, though they sit in the tile store', async () => {
  const { ledger, tiles } = await freshLog(40);
  await sequenceBatch(ledger, tiles, identity, 10);
  // The tick writes the level-0 tile, then fails on the bundle: before its commit.
  await assert.rejects(
    sequenceBatch(ledger, new FailingTileStore(tiles, { failAfter: 1 }), identity, 5),
    InjectedFailure,
  );
  assert.equal((await ledger.committed())!.size, 10);
  assert.ok(tiles.blobs.has(tilePath(0, 0, 15)), 'the failed tick wrote the partial tile of size 15');
  await sequenceBatch(ledger, tiles, identity, 10);
  const reader = new LogReader(ledger, tiles, identity.signer.verifierKey, 0);
  const served = async (path: string) => (await reader.tile(parseTilePath(path)!)) !== null;
  assert.equal(await served(tilePath(0, 0, 15)), false, 'no committed tree had 15 entries');
  assert.equal(await served(entriesPath(0, 15)), false);
  assert.equal(await served(tilePath(0, 0, 10)), true, 'a committed tree had 10');
  assert.equal(await served(tilePath(0, 0, 20)), true, 'the latest tree');
  assert.equal(await served(tilePath(0, 0, 21)), false, 'beyond the tree');
  assert.equal(await served(tilePath(0, 0)), false, 'the full tile is not there yet');
  assert.equal(await reader.checkpoint(), (await ledger.committed())!.checkpoint);
});

test('a reader that read its tree a moment ago still serves a tile of a newer checkpoint (another node made it)', async () => {
  const { ledger, tiles } = await freshLog(40);
  await sequenceBatch(ledger, tiles, identity, 10);
  const reader = new LogReader(ledger, tiles, identity.signer.verifierKey, 60_000);
  assert.ok(await reader.tile(parseTilePath(tilePath(0, 0, 10))!), 'it knows the tree of 10');
  await sequenceBatch(ledger, tiles, identity, 10); // as another node of a cluster, behind the same balancer
  await new Promise((resolve) => setTimeout(resolve, 25));
  assert.ok(await reader.tile(parseTilePath(tilePath(0, 0, 20))!), 'the tile of the newer tree of 20 is served');
  assert.equal(await reader.tile(parseTilePath(tilePath(0, 0, 21))!), null, 'and nothing beyond it');
});

test('recovery rebuilds a lost right edge, and all the tiles when they are all lost, with the same bytes', async () => {
  const { ledger, tiles } = await freshLog(72_000);
  for (const limit of [10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 9_000, 1000])
    await sequenceBatch(ledger, tiles, identity, limit);
  const published = new Map(tiles.blobs);
  tiles.blobs.delete(tilePath(0, 273, 112));
  tiles.blobs.delete(entriesPath(273, 112));
  await recoverRecord(ledger, tiles, identity);
  assert.deepEqual(tiles.blobs.get(tilePath(0, 273, 112)), published.get(tilePath(0, 273, 112)));
  assert.deepEqual(tiles.blobs.get(entriesPath(273, 112)), published.get(entriesPath(273, 112)));

  tiles.blobs.clear();
  await recoverRecord(ledger, tiles, identity);
  const rebuilt = await readPublishedRecord(tiles, identity);
  assert.equal(rebuilt.checkpoint.size, 70_000);
  for (const [path, data] of tiles.blobs) {
    if (published.has(path)) assert.deepEqual(data, published.get(path), path);
  }
  assert.equal(tiles.blobs.get(tilePath(1, 1, 17))?.length, 17 * 32, "the spec's example: level 1 partial of width 17");
  assert.equal(tiles.blobs.get(tilePath(2, 0, 1))?.length, 32, 'and level 2 of width 1');
});

test('rebuilding refuses a database whose entries do not give the committed root', async () => {
  const { ledger, tiles } = await freshLog(5);
  await sequenceBatch(ledger, tiles, identity);
  ledger.queue[0].entry = new TextEncoder().encode('{"type":"forged","v":1}');
  await assert.rejects(
    rebuildTiles(ledger, new MemoryTileStore(), (await ledger.committed())!),
    /do not give the committed root/,
  );
});

test('recovery refuses a record signed by another key or for another origin', async () => {
  const { ledger, tiles } = await freshLog(2);
  await sequenceBatch(ledger, tiles, identity);
  await assert.rejects(
    recoverRecord(ledger, tiles, testIdentity('veche.test/record', 8)),
    /never changes its key or origin/,
  );
  await assert.rejects(
    recoverRecord(ledger, tiles, testIdentity('veche.test/other')),
    /never changes its key or origin/,
  );
  await recoverRecord(ledger, tiles, identity);
});

async function countPuts(committed: number, batch: number): Promise<number> {
  const { ledger, tiles } = await freshLog(committed + batch);
  await sequenceBatch(ledger, tiles, identity, committed);
  const counting = new FailingTileStore(tiles, { failAfter: Infinity });
  await sequenceBatch(ledger, counting, identity, batch);
  return counting.puts.length;
}
