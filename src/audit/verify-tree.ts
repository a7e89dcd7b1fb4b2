import { decodeBundle } from '../record/bundle.ts';
import { bytesEqual, toHex } from '../record/bytes.ts';
import { emptyRoot, HASH_SIZE, leafHash, packedRoot, treeRoot } from '../record/merkle.ts';
import type { HashReader } from '../record/merkle.ts';
import { RecordError } from '../record/record-error.ts';
import { entriesPath, FULL_WIDTH, tilePath } from '../record/tile-path.ts';
import { tileCounts, tileHashes, tileHashReader } from '../record/tiles.ts';
import type { Tile } from '../record/tiles.ts';
import type { Findings } from './findings.ts';
import type { RecordReader } from './record-reader.ts';

// SPEC: https://c2sp.org/tlog-tiles. Every tile of the tree is tied to the signed root: each full tile hashes to its
// slot in the tile above, and the partial tiles (with the top of the full ones) give the root. Each bundle's entries
// hash to the level-0 tile beside it. So one pass over the bundles, in order, verifies every entry and every tile.

const MAX_TILE_BYTES = FULL_WIDTH * HASH_SIZE;
const MAX_BUNDLE_BYTES = FULL_WIDTH * (2 + 65_535);

/** TreeToVerify is a signed tree: its size and root, from a checkpoint whose signature was checked. */
export interface TreeToVerify {
  size: number;
  root: Uint8Array;
}

/** VerifyTreeOptions say which tree to verify, from which leaf to hand entries on, and what to keep for later. */
export interface VerifyTreeOptions {
  client: RecordReader;
  tree: TreeToVerify;
  /** from is the first leaf whose entry goes to onEntry: 0 for the whole record, an earlier size to extend. */
  from: number;
  findings: Findings;
  /** later lists computations that will read the tree's hashes once verified (proofs); their tiles are kept. */
  later?: ((read: HashReader) => unknown)[];
  /** onEntry is called with every entry from leaf `from` on, in log order. */
  onEntry(entry: Uint8Array, index: number): void;
  /** window is how many bundles, each with its tile, are fetched ahead of the one being verified (8 unless set). */
  window?: number;
  /** onProgress is told how many leaves from `from` on were verified so far. */
  onProgress?(verified: number): void;
  /** onFetched is handed every tile and bundle as read (path under the site, e.g. `/log/tile/0/000`), before it is checked. */
  onFetched?(path: string, bytes: Uint8Array): void;
}

/** VerifiedTree is what a verification learnt: whether the tiles give the root, and a reader for `later`'s hashes. */
export interface VerifiedTree {
  rootMatches: boolean;
  /** read serves the hashes `later` needs from the verified tiles; it throws if one of them was missing. */
  read: HashReader;
  tiles: number;
  bundles: number;
}

/**
 * verifyTree downloads the tiles and bundles of a tree, in order with bounded concurrency, and checks every entry's
 * leaf hash against its level-0 tile, every full tile against the tile above, and the root against the checkpoint's.
 * Each failure is a discrepancy in `findings`; only a network failure throws (AuditNetworkError).
 */
export async function verifyTree(options: VerifyTreeOptions): Promise<VerifiedTree> {
  const { tree, from, findings } = options;
  const size = tree.size;
  const get = async (path: string, maxBytes: number) => {
    const bytes = await options.client.get(path, maxBytes);
    if (bytes !== null) options.onFetched?.(path, bytes);
    return bytes;
  };
  if (size === 0) {
    const rootMatches = bytesEqual(tree.root, emptyRoot());
    if (!rootMatches)
      findings.discrepancy({ code: 'root-mismatch', message: 'an empty tree must have the root SHA-256("")' });
    return {
      rootMatches,
      read: () => {
        throw new RangeError('an empty tree has no hashes');
      },
      tiles: 0,
      bundles: 0,
    };
  }
  // Which tiles the root and the later proofs read depends only on sizes, so a pass with zeros names them.
  const wanted = new Set<string>();
  for (const compute of [(read: HashReader) => treeRoot(size, read), ...(options.later ?? [])]) {
    compute(
      tileHashReader(size, (tile) => {
        wanted.add(key(tile));
        return new Uint8Array(tile.width * HASH_SIZE);
      }),
    );
  }
  const kept = new Map<string, Uint8Array>();
  const upper = await fetchUpperTiles(get, size, findings);
  for (const [k, hashes] of upper) kept.set(k, hashes);
  checkUpperTiles(size, upper, findings);

  // The bundles and their level-0 tiles, a window of them in flight, verified and handed on in order.
  const first = Math.floor(from / FULL_WIDTH);
  const count = Math.ceil(size / FULL_WIDTH);
  const window = Math.max(1, options.window ?? 8);
  const inFlight: Promise<[Uint8Array | null, Uint8Array | null]>[] = [];
  let next = first;
  const fetchPair = (n: number) => {
    const width = widthAt(size, 0, n);
    const pair = Promise.all([
      get(`/log/${entriesPath(n, width)}`, MAX_BUNDLE_BYTES),
      get(`/log/${tilePath(0, n, width)}`, MAX_TILE_BYTES),
    ]);
    pair.catch(() => {}); // awaited in turn below; a failure must not count as unhandled before then
    return pair;
  };
  while (next < count && inFlight.length < window) inFlight.push(fetchPair(next++));
  for (let n = first; n < count; n++) {
    const [bundle, tileData] = await inFlight.shift()!;
    if (next < count) inFlight.push(fetchPair(next++));
    const tile = { level: 0, n, width: widthAt(size, 0, n) };
    const hashes = readTile(tile, tileData, findings);
    if (hashes !== null && wanted.has(key(tile))) kept.set(key(tile), hashes);
    if (hashes !== null && tile.width === FULL_WIDTH) checkAgainstParent(size, tile, hashes, upper, findings);
    const entries = readBundle(tile, bundle, findings);
    if (entries !== null) {
      for (let i = 0; i < entries.length; i++) {
        const index = n * FULL_WIDTH + i;
        if (hashes !== null && !bytesEqual(leafHash(entries[i]), hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) {
          findings.discrepancy({
            code: 'leaf-hash-mismatch',
            index,
            path: entriesPath(n, tile.width),
            message: `entry ${index} in ${entriesPath(n, tile.width)} does not hash to its leaf in ${tilePath(0, n, tile.width)}`,
          });
        }
        if (index >= from) options.onEntry(entries[i], index);
      }
    }
    options.onProgress?.(Math.min(size, (n + 1) * FULL_WIDTH) - from);
  }

  // Level-0 tiles that proofs need but the pass did not fetch (those before `from`).
  for (const k of wanted) {
    if (kept.has(k)) continue;
    const [level, n, width] = k.split('/').map(Number);
    if (level !== 0 || n >= first) continue; // read above: a missing or malformed one is reported already
    const tile = { level, n, width };
    const hashes = readTile(tile, await get(`/log/${tilePath(0, n, width)}`, MAX_TILE_BYTES), findings);
    if (hashes !== null) {
      kept.set(k, hashes);
      if (width === FULL_WIDTH) checkAgainstParent(size, tile, hashes, upper, findings);
    }
  }

  const read = tileHashReader(size, (tile) => {
    const hashes = kept.get(key(tile));
    if (hashes === undefined) throw new MissingTile(`${tilePath(tile.level, tile.n, tile.width)} could not be read`);
    return hashes;
  });
  let rootMatches = false;
  try {
    const root = treeRoot(size, read);
    rootMatches = bytesEqual(root, tree.root);
    if (!rootMatches) {
      findings.discrepancy({
        code: 'root-mismatch',
        message: `the tiles give the root ${toHex(root)} for ${size} entries, the checkpoint says ${toHex(tree.root)}`,
      });
    }
  } catch (error) {
    if (!(error instanceof MissingTile)) throw error;
    // The missing or malformed tile is a discrepancy already; without it there is no root to compare.
  }
  return { rootMatches, read, tiles: upper.size + count - first, bundles: count - first };
}

/** widthAt is the width of tile `n` at `level` in a tree of `size`: 256, or the width of the partial tile. */
export function widthAt(size: number, level: number, n: number): number {
  return Math.min(FULL_WIDTH, Math.floor(size / FULL_WIDTH ** level) - n * FULL_WIDTH);
}

async function fetchUpperTiles(
  get: (path: string, maxBytes: number) => Promise<Uint8Array | null>,
  size: number,
  findings: Findings,
): Promise<Map<string, Uint8Array>> {
  const tiles: Tile[] = [];
  for (let level = 1; Math.floor(size / FULL_WIDTH ** level) > 0; level++) {
    const { full, partialWidth } = tileCounts(size, level);
    for (let n = 0; n < full; n++) tiles.push({ level, n, width: FULL_WIDTH });
    if (partialWidth > 0) tiles.push({ level, n: full, width: partialWidth });
  }
  const fetched = await Promise.all(
    tiles.map((tile) => get(`/log/${tilePath(tile.level, tile.n, tile.width)}`, MAX_TILE_BYTES)),
  );
  const upper = new Map<string, Uint8Array>();
  tiles.forEach((tile, i) => {
    const hashes = readTile(tile, fetched[i], findings);
    if (hashes !== null) upper.set(key(tile), hashes);
  });
  return upper;
}

function checkUpperTiles(size: number, upper: Map<string, Uint8Array>, findings: Findings): void {
  for (const [k, hashes] of upper) {
    const [level, n, width] = k.split('/').map(Number);
    if (width === FULL_WIDTH) checkAgainstParent(size, { level, n, width }, hashes, upper, findings);
  }
}

function checkAgainstParent(
  size: number,
  tile: Tile,
  hashes: Uint8Array,
  upper: Map<string, Uint8Array>,
  findings: Findings,
): void {
  // SPEC: a full tile's root is the hash at index n mod 256 of tile n / 256 one level up (a partial tile is never
  // hashed into the level above; it is checked through the root instead).
  const parent = { level: tile.level + 1, n: Math.floor(tile.n / FULL_WIDTH), width: 0 };
  parent.width = widthAt(size, parent.level, parent.n);
  const above = upper.get(key(parent));
  if (above === undefined) return; // missing or malformed: reported when it was read
  const slot = tile.n % FULL_WIDTH;
  if (!bytesEqual(packedRoot(hashes), above.subarray(slot * HASH_SIZE, (slot + 1) * HASH_SIZE))) {
    const path = tilePath(tile.level, tile.n, tile.width);
    findings.discrepancy({
      code: 'tile-hash-mismatch',
      path,
      message: `${path} does not hash to hash ${slot} of ${tilePath(parent.level, parent.n, parent.width)}`,
    });
  }
}

function readTile(tile: Tile, data: Uint8Array | null, findings: Findings): Uint8Array | null {
  const path = tilePath(tile.level, tile.n, tile.width);
  if (data === null) {
    findings.discrepancy({
      code: 'missing-tile',
      path,
      message: `${path} is not served (404), but the checkpoint covers it`,
    });
    return null;
  }
  try {
    return tileHashes(tile, data);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    findings.discrepancy({ code: 'malformed-tile', path, message: `${path}: ${error.message}` });
    return null;
  }
}

function readBundle(tile: Tile, data: Uint8Array | null, findings: Findings): Uint8Array[] | null {
  const path = entriesPath(tile.n, tile.width);
  if (data === null) {
    findings.discrepancy({
      code: 'missing-tile',
      path,
      message: `${path} is not served (404), but the checkpoint covers it`,
    });
    return null;
  }
  try {
    return decodeBundle(data, tile.width);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    findings.discrepancy({ code: 'malformed-bundle', path, message: `${path}: ${error.message}` });
    return null;
  }
}

function key(tile: Tile): string {
  return `${tile.level}/${tile.n}/${tile.width}`;
}

class MissingTile extends Error {}
