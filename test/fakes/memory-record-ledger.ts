import { bytesEqual } from '../../src/record/bytes.ts';
import { LedgerConflict } from '../../src/record/tile-store.ts';
import type { CommittedTree, PendingEntry, RecordLedger, SequencedLeaf } from '../../src/record/tile-store.ts';

/** MemoryRecordLedger is a RecordLedger in memory, with the same compare-and-swap rules as the database's. */
export class MemoryRecordLedger implements RecordLedger {
  /** queue holds every entry ever queued, in queue order, with its leaf index once sequenced. */
  readonly queue: { id: number; entry: Uint8Array; leafIndex: number | null }[] = [];
  /** history maps every committed size to its root. */
  readonly history = new Map<number, Uint8Array>();
  #tree: CommittedTree | null = null;

  /** add queues entries (strings are UTF-8 encoded) and returns their ids. */
  add(...entries: (string | Uint8Array)[]): number[] {
    return entries.map((entry) => {
      const id = this.queue.length + 1;
      this.queue.push({
        id,
        entry: typeof entry === 'string' ? new TextEncoder().encode(entry) : entry,
        leafIndex: null,
      });
      return id;
    });
  }

  async committed(): Promise<CommittedTree | null> {
    return this.#tree === null ? null : { ...this.#tree, root: this.#tree.root.slice() };
  }

  async pending(limit: number): Promise<PendingEntry[]> {
    return this.queue
      .filter((q) => q.leafIndex === null)
      .slice(0, limit)
      .map((q) => ({ id: q.id, entry: q.entry.slice() }));
  }

  async countPending(cap: number): Promise<number> {
    return Math.min(cap, this.queue.filter((q) => q.leafIndex === null).length);
  }

  async commit(fromSize: number | null, to: CommittedTree, leaves: readonly SequencedLeaf[]): Promise<void> {
    if ((this.#tree?.size ?? null) !== fromSize)
      throw new LedgerConflict(`the committed tree is not of size ${fromSize}`);
    const rows = leaves.map((leaf) => this.queue[leaf.id - 1]);
    if (rows.some((row) => row === undefined || row.leafIndex !== null))
      throw new LedgerConflict('an entry was sequenced already');
    const earlier = this.history.get(to.size);
    if (earlier !== undefined && !bytesEqual(earlier, to.root)) throw new Error(`a second root for size ${to.size}`);
    leaves.forEach((leaf, i) => (rows[i].leafIndex = leaf.leafIndex));
    this.#tree = { ...to, root: to.root.slice() };
    this.history.set(to.size, to.root.slice());
  }

  async sequencedEntries(start: number, end: number): Promise<Uint8Array[]> {
    const byIndex = new Map(this.queue.filter((q) => q.leafIndex !== null).map((q) => [q.leafIndex!, q.entry]));
    const entries: Uint8Array[] = [];
    for (let i = start; i < end; i++) entries.push(byIndex.get(i) ?? fail(i));
    return entries;
  }

  async hasCheckpointBetween(from: number, to: number): Promise<boolean> {
    return [...this.history.keys()].some((size) => size >= from && size < to);
  }
}

function fail(index: number): never {
  throw new Error(`no entry at leaf index ${index}`);
}
