import { FULL_WIDTH, entriesPath, tilePath } from './tile-path.ts';
import type { TilePathParts } from './tile-path.ts';
import type { CommittedTree, RecordLedger, TileStore } from './tile-store.ts';
import { bytesEqual } from './bytes.ts';
import type { CosignatureStore } from './cosignature-store.ts';

/** Witnessing is where LogReader finds cosignatures: the store, and the witnesses' vkeys in the policy's order. */
export interface Witnessing {
  store: CosignatureStore;
  witnesses: readonly string[];
}

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
  readonly #witnessing: Witnessing | null;
  #latest: { at: number; tree: Promise<CommittedTree | null> } | null = null;
  #cosigned: { at: number; note: Promise<string | null> } | null = null;

  constructor(
    ledger: RecordLedger,
    tiles: TileStore,
    verifierKey: string,
    ttlMs = 200,
    witnessing: Witnessing | null = null,
  ) {
    this.#ledger = ledger;
    this.#tiles = tiles;
    this.verifierKey = verifierKey;
    this.#ttlMs = ttlMs;
    this.#witnessing = witnessing;
  }

  /**
   * checkpoint is the signed note of the latest committed tree, or null before the first, with the cosignatures the
   * witnesses gave for exactly that tree (c2sp.org/tlog-witness: the log merges them into the checkpoint it serves).
   * The newest checkpoint is never held back for a witness: it is served with the cosignatures it has, perhaps none.
   */
  checkpoint(): Promise<string | null> {
    // Read again at most every ttlMs, like the tree: one pair of queries for a burst of readers.
    const now = Date.now();
    if (this.#cosigned === null || now - this.#cosigned.at >= this.#ttlMs) {
      const note = this.#withCosignatures();
      this.#cosigned = { at: now, note };
      note.catch(() => {
        if (this.#cosigned?.note === note) this.#cosigned = null;
      });
    }
    return this.#cosigned.note;
  }

  /** witnessedCheckpoint is the newest checkpoint that met the witness policy's quorum, with its cosignatures, or null. */
  async witnessedCheckpoint(): Promise<string | null> {
    if (this.#witnessing === null || this.#witnessing.witnesses.length === 0) return this.checkpoint();
    return (await this.#witnessing.store.witnessed())?.checkpoint ?? null;
  }

  async #withCosignatures(): Promise<string | null> {
    const [tree, states] = await Promise.all([this.#committed(), this.#witnessing?.store.witnessStates() ?? []]);
    if (tree === null) return null;
    const lines = (this.#witnessing?.witnesses ?? []).flatMap((vkey) => {
      const state = states.find((s) => s.witness === vkey);
      const fits = state?.line && state.size === tree.size && state.root !== null && bytesEqual(state.root, tree.root);
      return fits ? [`${state.line}\n`] : [];
    });
    return tree.checkpoint + lines.join('');
  }

  /** tile returns the bytes of a tile or bundle that a committed checkpoint covers, or null. */
  async tile(parts: TilePathParts): Promise<Uint8Array | null> {
    let tree = await this.#committed();
    // Behind a load balancer, a client may hold a checkpoint another node read a moment later than this one: before
    // saying a tile is missing, read the latest tree again (at most every 20 ms, so misses cannot flood the database).
    if (tree === null || !(await this.#covered(parts, tree.size))) tree = await this.#committed(20);
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

  #committed(maxAgeMs = this.#ttlMs): Promise<CommittedTree | null> {
    // The latest tree is read again at most every ttlMs: one query for a burst of tile requests.
    const now = Date.now();
    if (this.#latest === null || now - this.#latest.at >= maxAgeMs) {
      const tree = this.#ledger.committed();
      this.#latest = { at: now, tree };
      tree.catch(() => {
        if (this.#latest?.tree === tree) this.#latest = null; // an error is not kept
      });
    }
    return this.#latest.tree;
  }
}
