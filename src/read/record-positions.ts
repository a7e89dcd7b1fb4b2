import type { ActionContext } from '../actions/context.ts';
import type { RecordCount, SignatureEntry } from '../store/record-positions.ts';
import { countInRecord, signatureEntries, wasCheckpointed } from '../store/record-positions.ts';

// What the record's proof pages read of where entries sit in the log: the database says where, the tiles prove it.

/** entriesOfSignature returns a signature's sequenced and waiting entries, for its proof page. */
export function entriesOfSignature(ctx: Pick<ActionContext, 'store'>, signature: string): Promise<SignatureEntry[]> {
  return signatureEntries(ctx.store.db, signature);
}

/** countInTree returns a petition's count as the first `size` entries of the record give it, beside its count now. */
export function countInTree(ctx: Pick<ActionContext, 'store'>, petitionId: number, size: number): Promise<RecordCount> {
  return countInRecord(ctx.store.db, petitionId, size);
}

/** isCheckpointSize tells whether a checkpoint was ever signed for a tree of `size` entries. */
export function isCheckpointSize(ctx: Pick<ActionContext, 'store'>, size: number): Promise<boolean> {
  return wasCheckpointed(ctx.store.db, size);
}
