import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken, sameSecret } from '../crypto/tokens.ts';
import * as signatures from '../store/signatures.ts';
import * as petitions from '../store/petitions.ts';

/** openReceipt returns a signature and its petition when the receipt's secret matches. */
export async function openReceipt(ctx: ActionContext, signatureId: string, secret: string) {
  const signature = signatureId.length <= 40 ? await signatures.findSignature(ctx.store.db, signatureId) : undefined;
  if (!signature?.receiptHash || !sameSecret(signature.receiptHash, hashToken(secret))) {
    throw new VecheError('not-found', 'No receipt at this address. Check that you copied the whole link.');
  }
  const petition = await petitions.findPetitionById(ctx.store.db, signature.petitionId);
  return { signature, petition: petition! };
}
