// The record is stored through two small interfaces, as Sunlight's ObjectStorage/LockBackend and Tessera's storage
// drivers are: TileStore holds the published bytes (tiles, entry bundles, the checkpoint), RecordLedger holds the
// queue and the committed tree in the database. The sequencer (sequencer.ts) relies on nothing but what is written
// here as MUST; the crash-safety argument in sequencer.ts is built on exactly these guarantees.

/** CHECKPOINT_PATH is the TileStore path of the latest published checkpoint, as served at <prefix>/checkpoint. */
export const CHECKPOINT_PATH = 'checkpoint';

/** TileStore holds the record's published bytes by path: `checkpoint`, `tile/<L>/<N>[.p/<W>]`, `tile/entries/…`. */
export interface TileStore {
  /** get MUST return the bytes of the last put to `path` that resolved, or of one in flight, or null if none. */
  get(path: string): Promise<Uint8Array | null>;
  /**
   * put stores `data` at `path`, replacing what was there. It MUST be atomic (a get sees the old bytes or the new,
   * never a mix or a truncation) and durable once it resolves (it survives a killed process and a power cut), because
   * the sequencer commits a tree only after every tile of it was put. Putting the same bytes again MUST succeed and
   * change nothing, so that recovery may rewrite a full tile. Overwriting with other bytes MUST be allowed: tiles
   * beyond the committed tree are left by crashed ticks and rewritten by the next one.
   */
  put(path: string, data: Uint8Array): Promise<void>;
}

/** CommittedTree is the tree the ledger last committed: its size, its root, and the checkpoint signed for them. */
export interface CommittedTree {
  size: number;
  root: Uint8Array;
  /** checkpoint is the signed note (c2sp.org/tlog-checkpoint) of this size and root, as published. */
  checkpoint: string;
}

/** PendingEntry is a queued entry that has no leaf index yet: its queue id and its bytes. */
export interface PendingEntry {
  id: number;
  entry: Uint8Array;
}

/** SequencedLeaf gives a queued entry its place in the log. */
export interface SequencedLeaf {
  id: number;
  leafIndex: number;
}

/** RecordLedger is the record's state in the database: the queue of entries, and the committed tree. */
export interface RecordLedger {
  /** committed MUST return the tree of the last commit that resolved (or that committed before a crash), or null. */
  committed(): Promise<CommittedTree | null>;
  /** pending MUST return up to `limit` entries without a leaf index, in queue order, each exactly as queued. */
  pending(limit: number): Promise<PendingEntry[]>;
  /** countPending returns how many entries wait without a leaf index, counting no further than `cap`. */
  countPending(cap: number): Promise<number>;
  /**
   * commit is the point of no return. In ONE transaction it MUST set each leaf's index, record `to` as the committed
   * tree and add (size, root) to the history, if and only if the committed tree is still `fromSize` (null: none yet)
   * and none of the leaves has an index; otherwise it MUST change nothing and throw LedgerConflict. It MUST be durable
   * once it resolves (a power cut included), because a checkpoint is published right after.
   */
  commit(fromSize: number | null, to: CommittedTree, leaves: readonly SequencedLeaf[]): Promise<void>;
  /** sequencedEntries MUST return the entries at leaf indexes [start, end) in order, or throw if one is missing. */
  sequencedEntries(start: number, end: number): Promise<Uint8Array[]>;
  /** hasCheckpointBetween reports whether a tree with a size in [from, to) was ever committed. */
  hasCheckpointBetween(from: number, to: number): Promise<boolean>;
}

/** LedgerConflict is thrown by RecordLedger.commit when another sequencer changed the tree first. */
export class LedgerConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerConflict';
  }
}
