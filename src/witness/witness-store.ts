// A witness keeps one thing per log: the latest checkpoint it cosigned. Like the record's TileStore and RecordLedger,
// it is reached through one small interface whose guarantees (the MUSTs) are all that cosignCheckpoint relies on.

/** LogState is what a witness keeps of one log: the tree it last cosigned, and that checkpoint as it serves it. */
export interface LogState {
  size: number;
  root: Uint8Array;
  /** checkpoint is the note text with the log's verified signatures and the witness's own cosignatures. */
  checkpoint: string;
}

/** WitnessStore holds each log's LogState by origin, durably. */
export interface WitnessStore {
  /** latest MUST return the state of the last advance that succeeded for `origin` (before a crash too), or null. */
  latest(origin: string): Promise<LogState | null>;
  /**
   * advance MUST replace the state of `origin` with `to` if and only if it is still `from` (size and root; null: no
   * state yet), atomically, so that of two requests checked against the same state only one moves it; it returns false
   * and changes nothing otherwise. It MUST be durable once it resolves: a cosignature is returned right after it, and
   * a witness that forgot a size it cosigned could then cosign a checkpoint inconsistent with it.
   */
  advance(origin: string, from: { size: number; root: Uint8Array } | null, to: LogState): Promise<boolean>;
  close(): Promise<void>;
}
