import type { ActionContext } from './context.ts';
import { assertStillOpen } from './assert-still-open.ts';
import { openWithdrawable } from './open-withdrawable.ts';
import { VecheError } from '../domain/errors.ts';
import * as signatures from '../store/signatures.ts';
import { queueEntries } from '../store/record-queue.ts';

/** withdrawSignature takes a counted signature back with its receipt's secret and queues `signature.withdrawn`. */
export async function withdrawSignature(ctx: ActionContext, signatureId: string, secret: string): Promise<void> {
  const { signature, petition } = await openWithdrawable(ctx, signatureId, secret);
  await ctx.store.writes.run(async (trx) => {
    await assertStillOpen(trx, petition.id);
    // The name goes; the region stays so the tallies can take the signature back from the region it was added to.
    const changed = await signatures.updateSignature(trx, signature.id, 'counted', {
      status: 'withdrawn',
      name: null,
      showName: false,
      emailHash: null,
    });
    if (!changed) throw new VecheError('wrong-state', 'This signature is no longer counted.');
    await queueEntries(trx, [
      {
        petitionId: petition.id,
        signatureId: signature.id,
        delta: -1,
        entry: { type: 'signature.withdrawn', v: 1, petition: petition.publicId, signature: signature.publicId },
      },
    ]);
  });
  ctx.events.changed(petition.publicId);
}
