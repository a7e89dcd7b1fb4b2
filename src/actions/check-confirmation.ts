import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken } from '../crypto/tokens.ts';
import * as signatures from '../store/signatures.ts';
import * as petitions from '../store/petitions.ts';

/** checkConfirmation returns the petition a confirmation link is for, without using the link up. */
export async function checkConfirmation(ctx: ActionContext, token: string) {
  const signature =
    token.length <= 100 ? await signatures.findSignatureByToken(ctx.store.db, hashToken(token)) : undefined;
  if (signature?.status !== 'pending') {
    throw new VecheError('token-used', 'This confirmation link was already used, or is not valid.');
  }
  if ((signature.confirmExpiresAt ?? 0) < ctx.now())
    throw new VecheError('token-expired', 'This confirmation link has expired; sign again to get a new one.');
  const petition = await petitions.findPetitionById(ctx.store.db, signature.petitionId);
  return { signature, petition: petition! };
}
