import { HASH_SIZE, packedRoot } from './merkle.ts';
import type { HashReader } from './merkle.ts';
import { RecordError } from './record-error.ts';
import { FULL_WIDTH, MAX_TILE_LEVEL } from './tile-path.ts';

// SPEC: https://c2sp.org/tlog-tiles#merkle-tree: tile n at level l holds, for i in 0..255,
// MTH(D[(n·256 + i)·256^l : (n·256 + i + 1)·256^l]), that is the hashes at tree level 8·l; the tree levels in
// between are recomputed from them.
// The same design as Go's golang.org/x/mod/sumdb/tlog tiles of height 8, except that we never publish the
// intermediate partial widths between two checkpoints.

/** TILE_HEIGHT is how many tree levels one tile spans: the hashes at tree level 8·L are stored in tiles of level L. */
export const TILE_HEIGHT = 8;

/** Tile names one tile: `width` hashes (1–255, or 256 when full) of tree level 8·`level`, from hash number `n`·256. */
export interface Tile {
  level: number;
  n: number;
  width: number;
}

/** tileCounts is how many full tiles a tree of `size` has at `level`, and the width of its partial tile (0: none). */
export function tileCounts(size: number, level: number): { full: number; partialWidth: number } {
  checkSize(size);
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) throw new RangeError(`bad tile level ${level}`);
  // SPEC: https://c2sp.org/tlog-tiles#partial-tiles: the partial tile at level l has floor(s / 256^l) mod 256 hashes.
  const hashes = Math.floor(size / FULL_WIDTH ** level);
  return { full: Math.floor(hashes / FULL_WIDTH), partialWidth: hashes % FULL_WIDTH };
}

/** partialTiles lists the partial tiles of a tree of `size`, lowest level first: at most one per level. */
export function partialTiles(size: number): Tile[] {
  checkSize(size);
  const tiles: Tile[] = [];
  for (let level = 0; Math.floor(size / FULL_WIDTH ** level) > 0; level++) {
    const { full, partialWidth } = tileCounts(size, level);
    if (partialWidth > 0) tiles.push({ level, n: full, width: partialWidth });
  }
  return tiles;
}

/** tilesToWrite lists the tiles to publish as the tree grows: those now full, and the partial tiles of `newSize`. */
export function tilesToWrite(oldSize: number, newSize: number): Tile[] {
  // Only levels whose hash count changed get a new partial tile. Entry bundles follow the level-0 tiles.
  checkSize(oldSize);
  checkSize(newSize);
  if (oldSize > newSize) throw new RangeError(`a log does not shrink: ${oldSize} → ${newSize}`);
  const tiles: Tile[] = [];
  for (let level = 0; Math.floor(newSize / FULL_WIDTH ** level) > 0; level++) {
    const oldCount = Math.floor(oldSize / FULL_WIDTH ** level);
    const newCount = Math.floor(newSize / FULL_WIDTH ** level);
    if (oldCount === newCount) break; // and so at every level above
    for (let n = Math.floor(oldCount / FULL_WIDTH); n * FULL_WIDTH < newCount; n++) {
      tiles.push({ level, n, width: Math.min(FULL_WIDTH, newCount - n * FULL_WIDTH) });
    }
  }
  return tiles;
}

/** tileForHash is the tile of the tree of `size` that holds (or lets one compute) the subtree hash at level/index. */
export function tileForHash(size: number, level: number, index: number): Tile {
  return locate(size, level, index).tile;
}

/** tileBytes is the content of a tile: its `width` hashes at tree level 8·level, end to end, read from `read`. */
export function tileBytes(tile: Tile, read: HashReader): Uint8Array {
  checkTile(tile);
  const data = new Uint8Array(tile.width * HASH_SIZE);
  for (let i = 0; i < tile.width; i++) {
    const h = read(tile.level * TILE_HEIGHT, tile.n * FULL_WIDTH + i);
    if (h.length !== HASH_SIZE) throw new RangeError(`hash reader gave ${h.length} bytes`);
    data.set(h, i * HASH_SIZE);
  }
  return data;
}

/** tileHashes checks the bytes read for a tile and returns its width·32 bytes of hashes. */
export function tileHashes(tile: Tile, data: Uint8Array): Uint8Array {
  // The bytes may be those of the full tile that replaced a partial one, which starts with the same hashes.
  const wanted = tile.width * HASH_SIZE;
  if (data.length < wanted || data.length > FULL_WIDTH * HASH_SIZE || data.length % HASH_SIZE !== 0) {
    throw new RecordError('malformed-tile', `tile ${tile.level}/${tile.n} has ${data.length} bytes, want ${wanted}`);
  }
  return data.subarray(0, wanted);
}

/** tileHashReader serves the subtree hashes of the tree of `size` from the tiles that exist at that size. */
export function tileHashReader(size: number, readTile: (tile: Tile) => Uint8Array): HashReader {
  // It trusts the tiles: a client that did not write them verifies the proofs it builds against a signed root,
  // which fails if any tile was altered.
  checkSize(size);
  return (level, index) => {
    const { tile, start, count } = locate(size, level, index);
    const hashes = tileHashes(tile, readTile(tile)).subarray(start * HASH_SIZE, (start + count) * HASH_SIZE);
    // A hash 8·L + j levels up is the root of 2^j consecutive hashes of a level-L tile.
    return count === 1 ? new Uint8Array(hashes) : packedRoot(hashes);
  };
}

function locate(size: number, level: number, index: number): { tile: Tile; start: number; count: number } {
  checkSize(size);
  if (!Number.isInteger(level) || level < 0 || level > 63) throw new RangeError(`bad tree level ${level}`);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad subtree index ${index}`);
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count = 2 ** (level - tileLevel * TILE_HEIGHT);
  const first = index * count;
  const n = Math.floor(first / FULL_WIDTH);
  const start = first - n * FULL_WIDTH;
  const available = Math.floor(size / FULL_WIDTH ** tileLevel) - n * FULL_WIDTH;
  if (available < start + count) throw new RangeError(`subtree ${level}/${index} is not complete in a tree of ${size}`);
  return { tile: { level: tileLevel, n, width: Math.min(FULL_WIDTH, available) }, start, count };
}

function checkSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`);
}

function checkTile(tile: Tile): void {
  const { level, n, width } = tile;
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`bad tile ${level}/${n}`);
  }
  if (!Number.isInteger(width) || width < 1 || width > FULL_WIDTH) throw new RangeError(`bad tile width ${width}`);
}
