import type { ActionContext } from '../actions/context.ts';
import type { PaperBatch } from '../domain/paper-batch.ts';
import { listPaperBatches } from '../store/paper-batches.ts';

/** paperBatchesOf lists a petition's paper batches, withdrawn ones too, oldest first, for its organiser's page. */
export function paperBatchesOf(ctx: ActionContext, petitionRowId: number): Promise<PaperBatch[]> {
  return listPaperBatches(ctx.store.db, petitionRowId);
}
