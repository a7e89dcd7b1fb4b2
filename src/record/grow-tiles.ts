import { HASH_SIZE, packedRoot, treeRoot } from './merkle.ts';
import { FULL_WIDTH } from './tile-path.ts';
import { partialTiles, tileHashReader, tileHashes } from './tiles.ts';
import type { Tile } from './tiles.ts';

/** TileData is one tile and its bytes. */
export interface TileData {
  tile: Tile;
  data: Uint8Array;
}

/** Growth is the result of growTiles: the new tree size and root, and the tiles to publish for it. */
export interface Growth {
  size: number;
  root: Uint8Array;
  tiles: TileData[];
}

/** growTiles appends leaf hashes to a tiled tree of `oldSize`: the new root, and the tiles that tilesToWrite names. */
export function growTiles(
  oldSize: number,
  leafHashes: readonly Uint8Array[],
  readTile: (tile: Tile) => Uint8Array,
): Growth {
  // readTile is called only for tiles that partialTiles(oldSize) lists, so a caller can fetch those first and answer
  // synchronously. Nothing is written here: a crash before the caller stores the tiles leaves the old tree as it was.
  if (!Number.isSafeInteger(oldSize) || oldSize < 0) throw new RangeError(`bad tree size ${oldSize}`);
  for (const h of leafHashes) if (h.length !== HASH_SIZE) throw new RangeError('a leaf hash has 32 bytes');
  const newSize = oldSize + leafHashes.length;
  const oldPartials = new Map(partialTiles(oldSize).map((t) => [t.level, t]));
  const tiles: TileData[] = [];

  // At each level, `fresh` holds the hashes of tree level 8·level from index oldCount on, which no tile held before:
  // the new leaf hashes at level 0, then the roots of the tiles that became full at the level below.
  let fresh: readonly Uint8Array[] = leafHashes;
  for (let level = 0; fresh.length > 0; level++) {
    const oldCount = Math.floor(oldSize / FULL_WIDTH ** level);
    const newCount = oldCount + fresh.length;
    const old = oldPartials.get(level);
    const kept = old === undefined ? new Uint8Array(0) : tileHashes(old, readTile(old));
    const rootsAbove: Uint8Array[] = [];
    for (let n = Math.floor(oldCount / FULL_WIDTH); n * FULL_WIDTH < newCount; n++) {
      const width = Math.min(FULL_WIDTH, newCount - n * FULL_WIDTH);
      const data = new Uint8Array(width * HASH_SIZE);
      let i = 0;
      if (old !== undefined && old.n === n) {
        data.set(kept);
        i = old.width;
      }
      for (; i < width; i++) data.set(fresh[n * FULL_WIDTH + i - oldCount], i * HASH_SIZE);
      tiles.push({ tile: { level, n, width }, data });
      if (width === FULL_WIDTH) rootsAbove.push(packedRoot(data));
    }
    fresh = rootsAbove;
  }

  // The root needs only the partial tiles of the new size: those just built, or the old ones on levels that did
  // not change.
  const written = new Map(tiles.map((t) => [key(t.tile), t.data]));
  const root = treeRoot(
    newSize,
    tileHashReader(newSize, (t) => written.get(key(t)) ?? readTile(t)),
  );
  return { size: newSize, root, tiles };
}

function key(tile: Tile): string {
  return `${tile.level}/${tile.n}/${tile.width}`;
}
