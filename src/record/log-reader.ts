import { FULL_WIDTH, entriesPath, tilePath } from './tile-path.ts';
import type { TilePathParts } from './tile-path.ts';
import type { CommittedTree, RecordLedger, TileStore } from './tile-store.ts';

/**
 * LogReader answers the record's public URLs. It serves a tile or bundle only when a committed checkpoint covers
 * exactly it: full ones inside the latest tree, partial ones of a width some committed tree had. Anything else in the
 * tile store (orphans of a tick that crashed before its commit, see sequencer.ts) is never served.
 */
export class LogReader {
  /** verifierKey is the log's Ed25519 verifier key string, `name+keyid+base64`, served at /log/key. */
  readonly verifierKey: string;
  readonly #ledger: RecordLedger;
  readonly #tiles: TileStore;
  readonly #ttlMs: number;
  #latest: { at: number; tree: Promise<CommittedTree | null> } | null = null;

  constructor(ledger: RecordLedger, tiles: TileStore, verifierKey: string, ttlMs = 200) {
    this.#ledger = ledger;
    this.#tiles = tiles;
    this.verifierKey = verifierKey;
    this.#ttlMs = ttlMs;
  }

  /** checkpoint is the signed note of the latest committed tree, or null before the first. */
  async checkpoint(): Promise<string | null> {
    return (await this.#committed())?.checkpoint ?? null;
  }

  /** tile returns the bytes of a tile or bundle that a committed checkpoint covers, or null. */
  async tile(parts: TilePathParts): Promise<Uint8Array | null> {
    const tree = await this.#committed();
    if (tree === null || !(await this.#covered(parts, tree.size))) return null;
    const { level, n, width } = parts;
    return this.#tiles.get(level === 'entries' ? entriesPath(n, width) : tilePath(level, n, width));
  }

  async #covered({ level, n, width }: TilePathParts, size: number): Promise<boolean> {
    // SPEC: https://c2sp.org/tlog-tiles#partial-tiles: logs MUST serve partial tiles for sizes a checkpoint was
    // produced for; the tile of width w at level l, number n, is that of the trees with n·256 + w hashes at level l.
    const leavesPerHash = FULL_WIDTH ** (level === 'entries' ? 0 : level);
    const hashes = Math.floor(size / leavesPerHash);
    const end = n * FULL_WIDTH + width;
    if (end > hashes) return false;
    if (width === FULL_WIDTH || end === hashes) return true;
    return this.#ledger.hasCheckpointBetween(end * leavesPerHash, (end + 1) * leavesPerHash);
  }

  #committed(): Promise<CommittedTree | null> {
    // The latest tree is read again at most every ttlMs: one query for a burst of tile requests.
    const now = Date.now();
    if (this.#latest === null || now - this.#latest.at >= this.#ttlMs) {
      const tree = this.#ledger.committed();
      this.#latest = { at: now, tree };
      tree.catch(() => {
        if (this.#latest?.tree === tree) this.#latest = null; // an error is not kept
      });
    }
    return this.#latest.tree;
  }
}
