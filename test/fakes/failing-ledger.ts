import type { CommittedTree, RecordLedger, SequencedLeaf } from '../../src/record/tile-store.ts';
import { InjectedFailure } from '../support/failing-store.ts';

/**
 * committingThenFailing returns the ledger with a fault: its next commit is carried out and then throws, as a crash
 * right after the database committed, before the checkpoint was published, would.
 */
export function committingThenFailing(ledger: RecordLedger): RecordLedger & { failures: number } {
  let armed = true;
  const failing = {
    failures: 0,
    committed: () => ledger.committed(),
    pending: (limit: number) => ledger.pending(limit),
    countPending: (cap: number) => ledger.countPending(cap),
    sequencedEntries: (start: number, end: number) => ledger.sequencedEntries(start, end),
    hasCheckpointBetween: (from: number, to: number) => ledger.hasCheckpointBetween(from, to),
    async commit(fromSize: number | null, to: CommittedTree, leaves: readonly SequencedLeaf[]) {
      await ledger.commit(fromSize, to, leaves);
      if (!armed) return;
      armed = false;
      failing.failures++;
      throw new InjectedFailure('injected failure right after the commit');
    },
  };
  return failing;
}
