import { bytesEqual } from '../record/bytes.ts';
import type { Checkpoint } from '../record/checkpoint.ts';
import { HASH_SIZE } from '../record/merkle.ts';
import { consistencyProof, consistencyRoots } from '../record/proofs.ts';
import { tileHashReader } from '../record/tiles.ts';
import type { Tile } from '../record/tiles.ts';
import { FULL_WIDTH, tilePath } from '../record/tile-path.ts';
import type { RecordReader } from '../audit/record-reader.ts';

/** Consistency is what a proof between two checkpoints showed, with a sentence for people when it is not 'consistent'. */
export type Consistency =
  | { outcome: 'consistent' }
  | { outcome: 'forked'; reason: string }
  | { outcome: 'unproven'; reason: string };

/** SignedTree is a checkpoint's size and root, its signature verified. */
export type SignedTree = Pick<Checkpoint, 'size' | 'root'>;

/**
 * proveConsistency proves, with the tiles a reader serves for a tree of `treeSize` (at least the newer checkpoint's
 * size), that the older checkpoint is a prefix of the newer one. SPEC: RFC 9162 §2.1.4. A proof whose hashes give the
 * newer root but not the older one proves a fork: both checkpoints are signed, and together they show two histories.
 * Tiles that give neither are the reader's fault, and prove nothing either way ('unproven').
 */
export async function proveConsistency(
  reader: RecordReader,
  treeSize: number,
  older: SignedTree,
  newer: SignedTree,
): Promise<Consistency> {
  if (older.size === 0 || older.size === newer.size) {
    const same = older.size === 0 || bytesEqual(older.root, newer.root);
    return same
      ? { outcome: 'consistent' }
      : { outcome: 'forked', reason: `two checkpoints of ${newer.size} entries with different roots` };
  }
  const proof = await readConsistencyProof(reader, treeSize, older.size, newer.size);
  if (typeof proof === 'string') return { outcome: 'unproven', reason: proof };
  const roots = consistencyRoots(older.size, newer.size, proof, older.root);
  if (roots === null || !bytesEqual(roots.newRoot, newer.root)) {
    return {
      outcome: 'unproven',
      reason: `the tiles ${reader.base} serves do not give the root of its checkpoint of ${newer.size} entries`,
    };
  }
  if (!bytesEqual(roots.oldRoot, older.root)) {
    return {
      outcome: 'forked',
      reason: `the checkpoint of ${older.size} entries is not a prefix of the one of ${newer.size}`,
    };
  }
  return { outcome: 'consistent' };
}

/**
 * readConsistencyProof reads the consistency proof from a tree of `oldSize` to one of `newSize` (RFC 9162 §2.1.4) off
 * the tiles a reader serves for a tree of `treeSize`, or says which tile it does not serve. The proof is not checked.
 */
export async function readConsistencyProof(
  reader: RecordReader,
  treeSize: number,
  oldSize: number,
  newSize: number,
): Promise<Uint8Array[] | string> {
  if (oldSize === 0 || oldSize === newSize) return [];
  // Which tiles the proof reads depends only on the sizes: a pass with zeros names them, then they are fetched.
  const wanted = new Map<string, Tile>();
  consistencyProof(
    oldSize,
    newSize,
    tileHashReader(treeSize, (tile) => {
      wanted.set(tilePath(tile.level, tile.n, tile.width), tile);
      return new Uint8Array(tile.width * HASH_SIZE);
    }),
  );
  const tiles = new Map<string, Uint8Array>();
  for (const [path, tile] of wanted) {
    const bytes = await readTile(reader, tile);
    if (bytes === null) return `${reader.base}/log/${path} is not served`;
    tiles.set(path, bytes);
  }
  return consistencyProof(
    oldSize,
    newSize,
    tileHashReader(treeSize, (tile) => tiles.get(tilePath(tile.level, tile.n, tile.width))!),
  );
}

async function readTile(reader: RecordReader, tile: Tile): Promise<Uint8Array | null> {
  const max = FULL_WIDTH * HASH_SIZE;
  const bytes = await reader.get(`/log/${tilePath(tile.level, tile.n, tile.width)}`, max);
  if (bytes !== null || tile.width === FULL_WIDTH)
    return bytes !== null && bytes.length === tile.width * HASH_SIZE ? bytes : null;
  // SPEC: c2sp.org/tlog-tiles#partial-tiles: a log (or mirror) may delete a partial tile once the full one is there,
  // and a client may read the full tile instead: its first hashes are the partial tile's.
  const full = await reader.get(`/log/${tilePath(tile.level, tile.n)}`, max);
  return full !== null && full.length === max ? full.subarray(0, tile.width * HASH_SIZE) : null;
}
