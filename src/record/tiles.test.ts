import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { test } from 'node:test';
import { leafHash, memoryHashReader, treeRoot } from './merkle.ts';
import { consistencyProof, inclusionProof } from './proofs.ts';
import { RecordError } from './record-error.ts';
import { tilePath } from './tile-path.ts';
import { partialTiles, tileBytes, tileCounts, tileForHash, tileHashReader, tilesToWrite } from './tiles.ts';
import type { Tile } from './tiles.ts';

test('the spec example: a tree of 70,000', () => {
  assert.deepEqual(tileCounts(70_000, 0), { full: 273, partialWidth: 112 });
  assert.deepEqual(tileCounts(70_000, 1), { full: 1, partialWidth: 17 });
  assert.deepEqual(tileCounts(70_000, 2), { full: 0, partialWidth: 1 });
  assert.deepEqual(tileCounts(70_000, 3), { full: 0, partialWidth: 0 });
  assert.deepEqual(partialTiles(70_000), [
    { level: 0, n: 273, width: 112 },
    { level: 1, n: 1, width: 17 },
    { level: 2, n: 0, width: 1 },
  ]);
  const all = tilesToWrite(0, 70_000);
  assert.equal(all.length, 273 + 1 + 1 + 1 + 1);
  const partial = all.filter((t) => t.width < 256).map((t) => tilePath(t.level, t.n, t.width));
  assert.deepEqual(partial, ['tile/0/273.p/112', 'tile/1/001.p/17', 'tile/2/000.p/1']);
});

test('the spec example: a tree of 256 is one full tile and a partial tile of width 1 above it', () => {
  assert.deepEqual(tilesToWrite(0, 256), [
    { level: 0, n: 0, width: 256 },
    { level: 1, n: 0, width: 1 },
  ]);
  assert.deepEqual(partialTiles(256), [{ level: 1, n: 0, width: 1 }]);
  assert.deepEqual(partialTiles(0), []);
});

test('tilesToWrite lists the tiles that became full and the new partial tiles', () => {
  assert.deepEqual(tilesToWrite(5, 5), []);
  assert.deepEqual(tilesToWrite(0, 1), [{ level: 0, n: 0, width: 1 }]);
  assert.deepEqual(tilesToWrite(70_000, 70_001), [{ level: 0, n: 273, width: 113 }]);
  assert.deepEqual(tilesToWrite(250, 520), [
    { level: 0, n: 0, width: 256 },
    { level: 0, n: 1, width: 256 },
    { level: 0, n: 2, width: 8 },
    { level: 1, n: 0, width: 2 },
  ]);
  assert.deepEqual(tilesToWrite(65_535, 65_536), [
    { level: 0, n: 255, width: 256 },
    { level: 1, n: 0, width: 256 },
    { level: 2, n: 0, width: 1 },
  ]);
  assert.throws(() => tilesToWrite(2, 1), RangeError);
});

test('tileForHash finds the tile of the current size that holds a subtree hash', () => {
  assert.deepEqual(tileForHash(70_000, 0, 5), { level: 0, n: 0, width: 256 });
  assert.deepEqual(tileForHash(70_000, 0, 69_999), { level: 0, n: 273, width: 112 });
  assert.deepEqual(tileForHash(70_000, 3, 8749), { level: 0, n: 273, width: 112 });
  assert.deepEqual(tileForHash(70_000, 8, 256), { level: 1, n: 1, width: 17 });
  assert.deepEqual(tileForHash(70_000, 12, 16), { level: 1, n: 1, width: 17 });
  assert.deepEqual(tileForHash(70_000, 16, 0), { level: 2, n: 0, width: 1 });
  assert.throws(() => tileForHash(70_000, 0, 70_000), RangeError);
  assert.throws(() => tileForHash(70_000, 4, 4375), RangeError);
  assert.throws(() => tileForHash(70_000, 17, 0), RangeError);
});

test('hashes read from tiles equal those of the tree, and proofs built from tiles equal proofs built from leaves', () => {
  for (const size of [1, 255, 256, 257, 511, 512, 4097, 65_536 + 300, randomInt(1, 70_000)]) {
    const leaves = Array.from({ length: size }, () => leafHash(randomBytes(8)));
    const memory = memoryHashReader(leaves);
    const stored = new Map(tilesToWrite(0, size).map((t) => [key(t), tileBytes(t, memory)]));
    const reads: Tile[] = [];
    const fromTiles = tileHashReader(
      size,
      (t) => (reads.push(t), stored.get(key(t)) ?? assert.fail(`no tile ${key(t)}`)),
    );
    assert.deepEqual(treeRoot(size, fromTiles), treeRoot(size, memory), `root of ${size}`);
    for (let i = 0; i < 20; i++) {
      const index = randomInt(size);
      assert.deepEqual(
        inclusionProof(index, size, fromTiles),
        inclusionProof(index, size, memory),
        `${index} in ${size}`,
      );
      const oldSize = randomInt(1, size + 1);
      assert.deepEqual(
        consistencyProof(oldSize, size, fromTiles),
        consistencyProof(oldSize, size, memory),
        `${oldSize} → ${size}`,
      );
    }
    for (let level = 0; 2 ** level <= size; level++) {
      const index = randomInt(Math.floor(size / 2 ** level));
      assert.deepEqual(fromTiles(level, index), memory(level, index), `${level}/${index} of ${size}`);
    }
    assert.ok(reads.every((t) => stored.has(key(t))));
  }
});

test('a full tile may stand in for the partial tile it replaced; bytes of the wrong length are refused', () => {
  const leaves = Array.from({ length: 300 }, () => leafHash(randomBytes(8)));
  const full = tileBytes({ level: 0, n: 0, width: 256 }, memoryHashReader(leaves));
  const read = tileHashReader(100, () => full);
  assert.deepEqual(treeRoot(100, read), treeRoot(100, memoryHashReader(leaves.slice(0, 100))));
  assert.throws(() => tileHashReader(100, () => full.subarray(0, 99 * 32))(0, 0), RecordError);
  assert.throws(() => tileHashReader(100, () => full.subarray(0, 100 * 32 + 1))(0, 0), RecordError);
});

function key(tile: Tile): string {
  return tilePath(tile.level, tile.n, tile.width);
}
