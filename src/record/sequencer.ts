import { randomInt } from 'node:crypto';
import { decodeBundle, encodeBundle } from './bundle.ts';
import { bytesEqual } from './bytes.ts';
import { openCheckpoint, signCheckpoint } from './checkpoint.ts';
import { growTiles } from './grow-tiles.ts';
import { emptyRoot, HASH_SIZE, leafHash, RootBuilder, treeRoot } from './merkle.ts';
import type { HashReader } from './merkle.ts';
import { parseVerifierKey } from './note-keys.ts';
import type { Ed25519Signer } from './note-keys.ts';
import { entriesPath, FULL_WIDTH, tilePath } from './tile-path.ts';
import { tileHashes, tileHashReader } from './tiles.ts';
import type { Tile } from './tiles.ts';
import { RecordError } from './record-error.ts';
import { CHECKPOINT_PATH, LedgerConflict } from './tile-store.ts';
import type { CommittedTree, RecordLedger, TileStore } from './tile-store.ts';

// SPEC: https://c2sp.org/tlog-tiles (tiles, bundles), https://c2sp.org/tlog-checkpoint and
// https://c2sp.org/signed-note (the checkpoint), RFC 6962 §2.1 (hashing).
//
// Why a crash can never make the log sign two different trees of one size:
// - The database is the truth. `RecordLedger.commit` sets the batch's leaf indexes and the new (size, root,
//   checkpoint) in one transaction, compare-and-swapped on the old size. Before it, nothing is published; after it,
//   the tree of that size is fixed, and the checkpoint published for it is the one stored in that transaction. Ed25519
//   is deterministic, so even signing that (size, root) again gives the same bytes.
// - Tiles and bundles are written, durably, before the commit: a committed tree never lacks a tile.
// - A tick from committed size S writes only paths that no tree of size ≤ S has: the tiles that tilesToWrite(S, S')
//   names are the ones whose hash count grew, so each is either a full tile new since S or a partial tile wider than
//   any at S. So what a committed tree's tiles hold is never overwritten.
// - A crash between the writes and the commit leaves tiles for a tree that was never committed: orphans. The next
//   tick shuffles afresh, so its tree differs, and it overwrites the orphans it shares paths with. Orphans it does not
//   overwrite (a partial tile of a width no checkpoint had) are never served: LogReader serves a tile only when a
//   committed checkpoint covers exactly it.

/** MAX_BATCH is the most entries one tick sequences: ~3 ticks a second make ~30,000 entries a second. */
export const MAX_BATCH = 10_000;

/** LogIdentity is who signs the log: its origin line, which is also the name of its Ed25519 key. */
export interface LogIdentity {
  origin: string;
  signer: Ed25519Signer;
}

/** TickResult is what one tick did: the committed size after it and how many entries it sequenced. */
export interface TickResult {
  size: number;
  sequenced: number;
}

/**
 * sequenceBatch runs one tick of the sequencer: it takes up to `limit` pending entries, shuffles them, appends them to
 * the log, writes their tiles and bundles, commits, and publishes the new checkpoint. recoverRecord must have run on
 * this ledger and tile store first. Any error leaves the committed tree as it was or as this tick committed it.
 */
export async function sequenceBatch(
  ledger: RecordLedger,
  tiles: TileStore,
  identity: LogIdentity,
  limit: number = MAX_BATCH,
): Promise<TickResult> {
  // 1. The committed tree is where this tick starts. A crash here leaves nothing behind.
  const from = await ledger.committed();
  if (from === null) throw new Error('the record has no committed tree: run recoverRecord first');
  const oldSize = from.size;

  // 2. The oldest pending entries, in queue order. A crash here leaves nothing behind; they stay pending.
  const batch = await ledger.pending(limit);
  if (batch.length === 0) return { size: oldSize, sequenced: 0 };

  // 3. Shuffle them with crypto randomness, so that their order in the log (and so in the bundles, which tell when
  //    each tick ran) cannot be matched against the order of requests on the network. Only in memory.
  shuffle(batch);

  // 4. Give them the leaf indexes after the committed tree, and hash them (RFC 6962: SHA-256(0x00 || entry)).
  const leaves = batch.map((pending, i) => ({ id: pending.id, leafIndex: oldSize + i }));
  const hashes = batch.map((pending) => leafHash(pending.entry));

  // 5. Read the committed tree's right edge: its partial tiles and its partial bundle. No tick writes these paths
  //    (see the argument at the top), so they hold what was committed; recoverRecord checked them at start-up.
  const edge = await readRightEdge(tiles, oldSize);

  // 6. Grow the tree and the bundles in memory: the new full tiles, and the partial tiles and bundle of the new size.
  const growth = growTiles(oldSize, hashes, (tile) => edge.tile(tile));
  const writes = growth.tiles.map(({ tile, data }) => ({ path: tilePath(tile.level, tile.n, tile.width), data }));
  writes.push(
    ...growBundles(
      oldSize,
      edge.bundle,
      batch.map((pending) => pending.entry),
    ),
  );

  // 7. Write them, durably, before anything refers to them. A crash or a failed put here leaves orphans: tiles and
  //    bundles for a tree of a size beyond the committed one, which nothing serves and the next tick overwrites. The
  //    entries are still pending; the next tick takes them again (with any queued since), in a new order.
  await putAll(tiles, writes);

  // 8. Sign the checkpoint for the new size and root. A crash here loses the signature; it was never published.
  const checkpoint = signCheckpoint({ origin: identity.origin, size: growth.size, root: growth.root, extensions: [] }, [
    identity.signer,
  ]);
  const tree = { size: growth.size, root: growth.root, checkpoint };

  // 9. Commit: the point of no return. In one transaction, the entries get their leaf indexes and the ledger records
  //    (size, root, checkpoint), only if the committed size is still oldSize. A crash before the transaction commits
  //    is step 7's crash; a crash after it leaves a committed tree whose tiles are all written (step 7) and whose
  //    checkpoint is not yet published: recoverRecord publishes it, the same bytes.
  await ledger.commit(oldSize, tree, leaves);

  // 10. Publish the checkpoint for the tree just committed. A crash here leaves the previous checkpoint in the tile
  //     store, which is consistent with this one; recoverRecord publishes this one at start-up.
  await tiles.put(CHECKPOINT_PATH, utf8(tree.checkpoint));
  return { size: tree.size, sequenced: batch.length };
}

/**
 * recoverRecord makes the tile store agree with the ledger, at start-up and whenever a sequencer takes over: it
 * commits the empty tree on first start, refuses a ledger whose checkpoint another key or origin signed, rebuilds the
 * tiles if the committed tree's right edge is missing or damaged, and publishes the committed checkpoint again.
 */
export async function recoverRecord(
  ledger: RecordLedger,
  tiles: TileStore,
  identity: LogIdentity,
): Promise<CommittedTree> {
  // 1. Load the committed tree. On first start there is none: commit the empty tree, which has no tiles. A crash
  //    before that commit leaves nothing; after it, the next start finds the empty tree committed.
  let tree = await ledger.committed();
  if (tree === null) {
    const root = emptyRoot();
    const checkpoint = signCheckpoint({ origin: identity.origin, size: 0, root, extensions: [] }, [identity.signer]);
    try {
      await ledger.commit(null, { size: 0, root, checkpoint }, []);
    } catch (error) {
      if (!(error instanceof LedgerConflict)) throw error; // another sequencer made it first: take theirs
    }
    tree = await ledger.committed();
    if (tree === null) throw new Error('the ledger lost the empty tree it just committed');
  }

  // 2. This server must be the log that signed it: a log never changes its key or origin.
  checkIdentity(tree, identity);

  // 3. Every tile of the committed tree was written before its commit, so only lost storage (a folder deleted, a
  //    database restored without its tiles) leaves the right edge missing. Then rebuild every tile from the ledger.
  if (!(await rightEdgeIntact(tiles, tree))) await rebuildTiles(ledger, tiles, tree);

  // 4. Publish the committed checkpoint, in case the last tick committed and crashed before publishing it. Putting
  //    the same bytes again changes nothing.
  await tiles.put(CHECKPOINT_PATH, utf8(tree.checkpoint));
  return tree;
}

/** checkIdentity throws, saying what to restore, unless the committed checkpoint is this origin's, signed by this key. */
export function checkIdentity(tree: CommittedTree, identity: LogIdentity): void {
  try {
    const opened = openCheckpoint(tree.checkpoint, [parseVerifierKey(identity.signer.verifierKey)], identity.origin);
    if (opened.size === tree.size && bytesEqual(opened.root, tree.root)) return;
  } catch {
    // told below
  }
  const first = tree.checkpoint.split('\n')[0];
  throw new Error(
    `The public record was signed as "${first}" by another key or origin than this server's ` +
      `(${identity.signer.verifierKey}). A log never changes its key or origin: restore VECHE_LOG_KEY (or secrets.json) ` +
      'and VECHE_LOG_ORIGIN (or VECHE_PUBLIC_URL) as they were.',
  );
}

/** rightEdgeIntact reports whether the committed tree's partial tiles give its root and its last bundle hashes right. */
export async function rightEdgeIntact(tiles: TileStore, tree: CommittedTree): Promise<boolean> {
  if (tree.size === 0) return true;
  try {
    const read = await fetchTilesFor(tiles, tree.size, (reader) => treeRoot(tree.size, reader));
    if (!bytesEqual(treeRoot(tree.size, read), tree.root)) return false;
    const n = Math.floor((tree.size - 1) / FULL_WIDTH);
    const width = tree.size - n * FULL_WIDTH;
    const bundle = await tiles.get(entriesPath(n, width));
    const tile = await tiles.get(tilePath(0, n, width));
    if (bundle === null || tile === null) return false;
    const hashes = tileHashes({ level: 0, n, width }, tile);
    return decodeBundle(bundle, width).every((entry, i) =>
      bytesEqual(leafHash(entry), hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)),
    );
  } catch (error) {
    // A tile missing, short or malformed means damage; a failing store is not, and is thrown to the caller.
    if (error instanceof MissingTile || error instanceof RecordError) return false;
    throw error;
  }
}

/**
 * rebuildTiles writes every tile and bundle of the committed tree again from the ledger's sequenced entries, after
 * checking that they give the committed root (if not, the database itself is damaged, and nothing is written).
 */
export async function rebuildTiles(
  ledger: RecordLedger,
  tiles: TileStore,
  tree: CommittedTree,
  chunk = 65_536,
): Promise<void> {
  if (!Number.isSafeInteger(chunk) || chunk < FULL_WIDTH || chunk % FULL_WIDTH !== 0)
    throw new RangeError(`bad chunk ${chunk}`);
  const builder = new RootBuilder();
  for (let start = 0; start < tree.size; start += chunk) {
    for (const entry of await ledger.sequencedEntries(start, Math.min(tree.size, start + chunk)))
      builder.append(leafHash(entry));
  }
  if (!bytesEqual(builder.root(), tree.root)) {
    throw new Error(
      `the ${tree.size} sequenced entries in the database do not give the committed root; not rebuilding`,
    );
  }
  // Chunks are whole bundles, so each one's bundles start empty; the partial tiles written so far serve growTiles.
  const partials = new Map<string, Uint8Array>();
  for (let start = 0; start < tree.size; start += chunk) {
    const entries = await ledger.sequencedEntries(start, Math.min(tree.size, start + chunk));
    const growth = growTiles(start, entries.map(leafHash), (t) => partials.get(tileKey(t)) ?? missing(t));
    const writes = growth.tiles.map(({ tile, data }) => ({ path: tilePath(tile.level, tile.n, tile.width), data }));
    writes.push(...growBundles(start, [], entries));
    for (const { tile, data } of growth.tiles) if (tile.width < FULL_WIDTH) partials.set(tileKey(tile), data);
    await putAll(tiles, writes);
  }
}

/** fetchTilesFor reads, from the tile store, the tiles that `compute` reads through a HashReader of the tree of `size`. */
export async function fetchTilesFor(
  tiles: TileStore,
  size: number,
  compute: (read: HashReader) => unknown,
): Promise<HashReader> {
  // Which tiles a computation reads depends only on sizes and indexes (see HashReader), so a first pass with zeros
  // names them all; they are then fetched at once, and the reader answers synchronously.
  const wanted = new Map<string, Tile>();
  compute(
    tileHashReader(size, (tile) => {
      wanted.set(tileKey(tile), tile);
      return new Uint8Array(tile.width * HASH_SIZE);
    }),
  );
  const fetched = new Map<string, Uint8Array>();
  await Promise.all(
    [...wanted].map(async ([key, tile]) => {
      fetched.set(key, (await tiles.get(tilePath(tile.level, tile.n, tile.width))) ?? missing(tile));
    }),
  );
  return tileHashReader(size, (tile) => fetched.get(tileKey(tile)) ?? missing(tile));
}

/** shuffle puts a batch in a uniformly random order (Fisher–Yates with crypto.randomInt), in place. */
export function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

interface RightEdge {
  tile(tile: Tile): Uint8Array;
  bundle: Uint8Array[];
}

async function readRightEdge(tiles: TileStore, size: number): Promise<RightEdge> {
  // growTiles reads only the partial tiles of `size`; the partial bundle is the entries of the partial level-0 tile.
  const partials = new Map<string, Uint8Array>();
  let level = 0;
  for (let count = size; count > 0; count = Math.floor(count / FULL_WIDTH), level++) {
    const width = count % FULL_WIDTH;
    if (width === 0) continue;
    const tile = { level, n: Math.floor(count / FULL_WIDTH), width };
    partials.set(tileKey(tile), (await tiles.get(tilePath(tile.level, tile.n, tile.width))) ?? missing(tile));
  }
  const width = size % FULL_WIDTH;
  let bundle: Uint8Array[] = [];
  if (width > 0) {
    const n = Math.floor(size / FULL_WIDTH);
    const bytes = await tiles.get(entriesPath(n, width));
    if (bytes === null) throw new Error(`the committed bundle ${entriesPath(n, width)} is missing`);
    bundle = decodeBundle(bytes, width);
    const hashes = tileHashes({ level: 0, n, width }, partials.get(tileKey({ level: 0, n, width }))!);
    bundle.forEach((entry, i) => {
      if (!bytesEqual(leafHash(entry), hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) {
        throw new Error(`the committed bundle ${entriesPath(n, width)} does not match its tile`);
      }
    });
  }
  return { tile: (tile) => partials.get(tileKey(tile)) ?? missing(tile), bundle };
}

async function putAll(tiles: TileStore, writes: readonly { path: string; data: Uint8Array }[]): Promise<void> {
  // All at once, but never return (or throw) while one is still in flight: a put of a failed tick landing after the
  // next tick's put of the same path would overwrite a committed tile with an orphan.
  const results = await Promise.allSettled(writes.map(({ path, data }) => tiles.put(path, data)));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}

function growBundles(
  oldSize: number,
  partial: readonly Uint8Array[],
  entries: readonly Uint8Array[],
): { path: string; data: Uint8Array }[] {
  // SPEC: https://c2sp.org/tlog-tiles#log-entries: bundle n holds entries [256n, 256n + 256); the committed partial
  // bundle's entries come first in the bundle they continue.
  const newSize = oldSize + entries.length;
  const writes: { path: string; data: Uint8Array }[] = [];
  for (let n = Math.floor(oldSize / FULL_WIDTH); n * FULL_WIDTH < newSize; n++) {
    const start = n * FULL_WIDTH;
    const end = Math.min(newSize, start + FULL_WIDTH);
    const kept = start < oldSize ? partial : [];
    const fresh = entries.slice(Math.max(start, oldSize) - oldSize, end - oldSize);
    writes.push({ path: entriesPath(n, end - start), data: encodeBundle([...kept, ...fresh]) });
  }
  return writes;
}

function tileKey(tile: Tile): string {
  return `${tile.level}/${tile.n}/${tile.width}`;
}

class MissingTile extends Error {}

function missing(tile: Tile): never {
  throw new MissingTile(`tile ${tilePath(tile.level, tile.n, tile.width)} is missing`);
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
