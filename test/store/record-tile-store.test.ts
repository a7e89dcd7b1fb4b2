import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openRecordTestStore, type RecordTestStore } from '../support/read-record.ts';
import { DatabaseTileStore } from '../../src/store/database-tile-store.ts';
import { FileTileStore } from '../../src/store/file-tile-store.ts';
import { entriesPath, tilePath } from '../../src/record/tile-path.ts';
import type { TileStore } from '../../src/record/tile-store.ts';

let store: RecordTestStore;

test.beforeEach(async () => {
  store = await openRecordTestStore();
});
test.afterEach(() => store.drop());

const kinds: [string, () => TileStore][] = [
  ['files under the data folder', () => new FileTileStore(join(store.dataDir, 'log'))],
  ['the record_blobs table', () => new DatabaseTileStore(store.db)],
];

for (const [kind, make] of kinds) {
  test(`a tile store in ${kind} gives back what was put, and null for what was not`, async () => {
    const tiles = make();
    const path = tilePath(0, 1_234_067, 3);
    assert.equal(await tiles.get(path), null);
    await tiles.put(path, bytes(96, 1));
    assert.deepEqual(await tiles.get(path), bytes(96, 1));
    await tiles.put(path, bytes(96, 1));
    assert.deepEqual(await tiles.get(path), bytes(96, 1), 'the same bytes again change nothing');
    await tiles.put(path, bytes(96, 2));
    assert.deepEqual(await tiles.get(path), bytes(96, 2), 'a tile beyond the committed tree can be overwritten');
    await tiles.put('checkpoint', new TextEncoder().encode('origin\n0\nroot\n'));
    assert.equal(new TextDecoder().decode((await tiles.get('checkpoint'))!), 'origin\n0\nroot\n');
    assert.equal(await tiles.get(tilePath(0, 1_234_067)), null, 'the full tile is another path');
  });

  test(`a tile store in ${kind} refuses paths that are not the record's`, async () => {
    const tiles = make();
    for (const path of [
      '../secrets.json',
      'secrets.json',
      '',
      'tile/0/000/../../../x',
      'tile/0/000.p/256',
      'tile/00/000',
      '/tile/0/000',
    ]) {
      await assert.rejects(tiles.put(path, bytes(32, 1)), RangeError, JSON.stringify(path));
      await assert.rejects(tiles.get(path), RangeError, JSON.stringify(path));
    }
  });

  test(`a reader of a tile store in ${kind} sees the old bytes or the new, never a mix`, async () => {
    const tiles = make();
    const path = entriesPath(7);
    await tiles.put(path, bytes(8192, 1));
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 40; i++) await tiles.put(path, bytes(8192, i % 2 === 0 ? 2 : 1));
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const data = (await tiles.get(path))!;
      assert.equal(data.length, 8192);
      assert.ok(
        data.every((b) => b === data[0]),
        "one put's bytes, whole",
      );
      reads++;
    }
    await writer;
    assert.ok(reads > 0);
  });
}

test('a file tile store lays tiles out as their URLs and leaves no temporary file behind', async () => {
  const root = join(store.dataDir, 'log');
  const tiles = new FileTileStore(root);
  await Promise.all([tiles.put(tilePath(0, 1_234_067), bytes(8192, 3)), tiles.put(entriesPath(5, 17), bytes(40, 4))]);
  assert.ok(existsSync(join(root, 'tile/0/x001/x234/067')));
  assert.ok(existsSync(join(root, 'tile/entries/005.p/17')));
  const all = readdirSync(root, { recursive: true }).map(String);
  assert.deepEqual(
    all.filter((name) => name.endsWith('.tmp')),
    [],
  );
});

function bytes(length: number, fill: number): Uint8Array {
  return new Uint8Array(length).fill(fill);
}
