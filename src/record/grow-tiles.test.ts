import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { test } from 'node:test';
import { growTiles } from './grow-tiles.ts';
import { emptyRoot, leafHash, memoryHashReader, RootBuilder } from './merkle.ts';
import { tilePath } from './tile-path.ts';
import { partialTiles, tileBytes, tilesToWrite } from './tiles.ts';
import type { Tile } from './tiles.ts';

const key = (t: Tile) => tilePath(t.level, t.n, t.width);

test('a log grown batch by batch past 65,536 entries has the tiles and root of the whole tree', () => {
  const store = new Map<string, Uint8Array>();
  const leaves: Uint8Array[] = [];
  const builder = new RootBuilder();
  const batches = [0, 1, 1, 254, 1, 1, 255, 256, 300, 1000, 5000, 58_466, 1, 10, 2000, randomInt(1, 3000)];
  for (const batch of batches) {
    const oldSize = leaves.length;
    const fresh = Array.from({ length: batch }, () => leafHash(randomBytes(12)));
    const allowed = new Set(partialTiles(oldSize).map(key));
    const growth = growTiles(oldSize, fresh, (t) => {
      assert.ok(allowed.has(key(t)), `read ${key(t)}, not a partial tile of ${oldSize}`);
      return store.get(key(t)) ?? assert.fail(`no tile ${key(t)}`);
    });
    for (const h of fresh) builder.append(h);
    leaves.push(...fresh);
    assert.equal(growth.size, leaves.length);
    assert.deepEqual(growth.root, builder.root(), `root at ${leaves.length}`);
    assert.deepEqual(
      growth.tiles.map((t) => t.tile),
      tilesToWrite(oldSize, leaves.length),
      `tiles ${oldSize} → ${leaves.length}`,
    );
    for (const { tile, data } of growth.tiles) store.set(key(tile), data);
  }
  assert.ok(leaves.length > 65_536);
  const memory = memoryHashReader(leaves);
  for (const tile of tilesToWrite(0, leaves.length)) {
    assert.deepEqual(store.get(key(tile)), tileBytes(tile, memory), key(tile));
  }
});

test('growing by nothing changes nothing', () => {
  assert.deepEqual(
    growTiles(0, [], () => assert.fail('nothing to read')),
    { size: 0, root: emptyRoot(), tiles: [] },
  );
  const first = growTiles(0, [leafHash(new Uint8Array(0))], () => assert.fail('nothing to read'));
  const again = growTiles(1, [], () => first.tiles[0].data);
  assert.deepEqual(again, { size: 1, root: first.root, tiles: [] });
});

test('growTiles refuses leaf hashes that are not hashes', () => {
  assert.throws(() => growTiles(0, [new Uint8Array(31)], () => new Uint8Array(0)), RangeError);
  assert.throws(() => growTiles(-1, [], () => new Uint8Array(0)), RangeError);
});
