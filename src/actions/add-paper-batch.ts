import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { randomId } from '../crypto/tokens.ts';
import * as paperBatches from '../store/paper-batches.ts';
import { findPetition } from '../store/petitions.ts';
import { queueEntries } from '../store/record-queue.ts';
import { assertOpen, readPaperBatch } from './read-paper-batch.ts';

/** PaperEvidence is the cleaned scan of a batch's sheets: its SHA-256 (public) and the private attachment keeping it. */
export interface PaperEvidence {
  sha256: string;
  attachmentId: number | null;
}

/**
 * addPaperBatch adds a batch of paper signatures to an open petition's count and queues its `signatures.paper_added`
 * entry in the same transaction, which checks again that the petition is still open. Returns the batch's public id.
 *
 * Why only while open: the record has no clock, so the one rule an auditor can check is "not after the closing"; a
 * count that can still grow after the closing is not final when it is delivered. Organisers expecting sheets by post
 * set the deadline later. A batch can be withdrawn at any time, so a mistake found late is still put right.
 */
export async function addPaperBatch(
  ctx: ActionContext,
  actor: Actor,
  publicId: string,
  raw: unknown,
  evidence: PaperEvidence | null = null,
  ignore: string[] = [],
): Promise<string> {
  const batch = await readPaperBatch(ctx, actor, publicId, raw, ignore);
  const id = `b${randomId(10)}`;
  await ctx.store.transaction(async (trx) => {
    const petition = await findPetition(trx, publicId);
    if (!petition) throw new VecheError('not-found', 'No such petition.');
    assertOpen(petition);
    await paperBatches.insertPaperBatch(trx, {
      publicId: id,
      petitionId: petition.id,
      count: batch.count,
      region: batch.region,
      sheets: batch.sheets,
      evidenceSha256: evidence?.sha256 ?? null,
      evidenceAttachmentId: evidence?.attachmentId ?? null,
      createdAt: ctx.now(),
    });
    await queueEntries(trx, [
      {
        petitionId: petition.id,
        // delta counts online signatures in the tallies; paper ones are counted from paper_batches.
        delta: 0,
        entry: {
          type: 'signatures.paper_added',
          v: 1,
          petition: petition.publicId,
          batch: id,
          count: batch.count,
          region: batch.region,
          sheets: batch.sheets,
          evidence: evidence?.sha256 ?? null,
        },
      },
    ]);
  });
  ctx.events.changed(batch.petition.publicId);
  return id;
}
