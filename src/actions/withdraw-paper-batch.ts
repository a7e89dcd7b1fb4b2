import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { InputReader } from '../domain/input.ts';
import { PAPER_WITHDRAWAL_REASONS } from '../domain/paper-batch.ts';
import * as paperBatches from '../store/paper-batches.ts';
import { queueEntries } from '../store/record-queue.ts';
import { loadOwnPetition } from './load-own-petition.ts';

/**
 * withdrawPaperBatch takes a batch out of its petition's count with a public reason, and queues its
 * `signatures.paper_withdrawn` entry in the same transaction. It may be done after the petition closed: putting a
 * mistake right in public is always allowed. A correction is a withdrawal (`corrected`) and a new batch.
 */
export async function withdrawPaperBatch(
  ctx: ActionContext,
  actor: Actor,
  petitionId: string,
  batchId: string,
  raw: unknown,
): Promise<void> {
  const petition = await loadOwnPetition(ctx, actor, petitionId);
  const batch = await paperBatches.findPaperBatch(ctx.store.db, batchId);
  if (batch === null || batch.petitionId !== petition.id) throw new VecheError('not-found', 'No such batch.');
  if (petition.status === 'draft') throw new VecheError('wrong-state', 'The petition is not published.');
  const input = new InputReader(raw);
  input.ignore('_csrf');
  const reason = input.choice('reason', PAPER_WITHDRAWAL_REASONS, { required: true });
  input.done();
  await ctx.store.transaction(async (trx) => {
    if (!(await paperBatches.markWithdrawn(trx, batch.id, ctx.now(), reason!)))
      throw new VecheError('wrong-state', 'The batch was withdrawn already.');
    await queueEntries(trx, [
      {
        petitionId: petition.id,
        delta: 0,
        entry: {
          type: 'signatures.paper_withdrawn',
          v: 1,
          petition: petition.publicId,
          batch: batch.publicId,
          reason: reason!,
        },
      },
    ]);
  });
  ctx.events.changed(petition.publicId);
}
