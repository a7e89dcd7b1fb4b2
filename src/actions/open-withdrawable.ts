import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { openReceipt } from './open-receipt.ts';

/** openWithdrawable opens a receipt whose signature can still be withdrawn (counted, petition open), or throws why not. */
export async function openWithdrawable(ctx: ActionContext, signatureId: string, secret: string) {
  const opened = await openReceipt(ctx, signatureId, secret);
  if (opened.signature.status !== 'counted')
    throw new VecheError('wrong-state', 'This signature is no longer counted.');
  if (opened.petition.status !== 'open')
    throw new VecheError('petition-not-open', 'The petition is closed; its count is final.');
  return opened;
}
