// What a log keeps of its witnesses, reached through one small interface like TileStore and RecordLedger (tile-store.ts):
// the cosigning loop (witnessing/cosignature-collector.ts) writes it on the node that sequences, and LogReader reads
// it on every node, so that a restart or another node serves the cosignatures already received.

/** WitnessState is what the log knows of one witness: the size it last cosigned and, if the log has it, that cosignature. */
export interface WitnessState {
  /** witness is the witness's verifier key string, which names it here. */
  witness: string;
  size: number;
  /** root and line are the tree the witness cosigned at `size` and its signature line; null when only a 409 told the size. */
  root: Uint8Array | null;
  line: string | null;
}

/** CosignatureStore holds one WitnessState per witness, and the newest checkpoint that met the policy's quorum. */
export interface CosignatureStore {
  /** witnessStates MUST return the last state saved for each witness. */
  witnessStates(): Promise<WitnessState[]>;
  /** saveWitnessState replaces the witness's state. It need not be durable: a state lost is learned again from a 409. */
  saveWitnessState(state: WitnessState): Promise<void>;
  /** witnessed MUST return the checkpoint of the last saveWitnessed that changed it, or null. */
  witnessed(): Promise<{ size: number; checkpoint: string } | null>;
  /** saveWitnessed replaces the witnessed checkpoint only by one of a larger size (or the same size, more cosigned). */
  saveWitnessed(size: number, checkpoint: string): Promise<void>;
}
