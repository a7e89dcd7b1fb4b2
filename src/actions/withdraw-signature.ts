import type { ActionContext } from './context.ts';
import { assertStillOpen } from './sign-petition.ts';
import { VecheError, invalidInput } from '../domain/errors.ts';
import { readReceiptCode } from '../domain/receipt-code.ts';
import { hashToken, sameSecret } from '../crypto/tokens.ts';
import * as signatures from '../store/signatures.ts';
import * as petitions from '../store/petitions.ts';
import { queueEntries } from '../store/record-queue.ts';

/** openReceipt returns a signature and its petition when the receipt's secret matches. */
export async function openReceipt(ctx: ActionContext, signatureId: string, secret: string) {
  const signature = signatureId.length <= 40 ? await signatures.findSignature(ctx.store.db, signatureId) : undefined;
  if (!signature?.receiptHash || !sameSecret(signature.receiptHash, hashToken(secret))) {
    throw new VecheError('not-found', 'No receipt at this address. Check that you copied the whole link.');
  }
  const petition = await petitions.findPetitionById(ctx.store.db, signature.petitionId);
  return { signature, petition: petition! };
}

/**
 * openReceiptByCode returns a signature and its petition from a receipt code. Every way a code can be wrong (not a
 * code, no such row, the wrong secret, a signature without a receipt) gets the one refusal, `invalid-input` naming
 * the field `code` with `no-such-receipt`, so that nothing can be learnt by trying codes.
 */
export async function openReceiptByCode(ctx: ActionContext, code: string) {
  const parsed = readReceiptCode(code);
  const signature = parsed ? await signatures.findSignatureById(ctx.store.db, parsed.rowId) : undefined;
  const given = hashToken(parsed?.secret ?? '');
  if (!signature?.receiptHash || !sameSecret(signature.receiptHash, given)) {
    throw invalidInput([{ field: 'code', problem: 'no-such-receipt' }]);
  }
  const petition = await petitions.findPetitionById(ctx.store.db, signature.petitionId);
  return { signature, petition: petition!, secret: parsed!.secret };
}

/** openWithdrawable opens a receipt whose signature can still be withdrawn (counted, petition open), or throws why not. */
export async function openWithdrawable(ctx: ActionContext, signatureId: string, secret: string) {
  const opened = await openReceipt(ctx, signatureId, secret);
  if (opened.signature.status !== 'counted')
    throw new VecheError('wrong-state', 'This signature is no longer counted.');
  if (opened.petition.status !== 'open')
    throw new VecheError('petition-not-open', 'The petition is closed; its count is final.');
  return opened;
}

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
