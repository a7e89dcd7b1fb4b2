import type { ActionContext } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken } from '../crypto/tokens.ts';
import { newReceiptSecret } from '../crypto/receipt-secret.ts';
import * as signatures from '../store/signatures.ts';
import { queueEntries } from '../store/record-queue.ts';
import { assertStillOpen } from './assert-still-open.ts';
import { checkConfirmation } from './check-confirmation.ts';
import { findOpenPetition } from './find-open-petition.ts';
import { forgetSignatureMail, outboxEnabled } from '../mail/outbox.ts';

/**
 * confirmSignature counts a pending signature. Only a person's POST reaches it (mail filters follow GET links),
 * the token is single-use, the address is deleted, and `signature.added` is queued in the same transaction. Then
 * every email about it leaves the outbox; a crash before that leaves files the outbox's sweep deletes within a minute.
 */
export async function confirmSignature(
  ctx: ActionContext,
  token: string,
): Promise<{ petition: string; signature: string; receiptSecret: string }> {
  assertLogAccepting(ctx);
  const { signature, petition } = await checkConfirmation(ctx, token);
  await findOpenPetition(ctx.store.db, petition.publicId, ctx.now());
  const receiptSecret = newReceiptSecret();
  await ctx.store.writes.run(async (trx) => {
    await assertStillOpen(trx, petition.id);
    const changed = await signatures.updateSignature(trx, signature.id, 'pending', {
      status: 'counted',
      countedMinute: Math.floor(ctx.now() / 60_000),
      emailEnc: null,
      confirmTokenHash: null,
      confirmExpiresAt: null,
      receiptHash: hashToken(receiptSecret),
    });
    if (!changed) throw new VecheError('token-used', 'This confirmation link was already used.');
    await queueEntries(trx, [
      {
        petitionId: petition.id,
        signatureId: signature.id,
        delta: 1,
        entry: {
          type: 'signature.added',
          v: 1,
          petition: petition.publicId,
          signature: signature.publicId,
          confirmed: true,
        },
      },
    ]);
  });
  if (outboxEnabled(ctx.config)) forgetSignatureMail(ctx.config, Number(signature.id));
  ctx.events.changed(petition.publicId);
  return { petition: petition.publicId, signature: signature.publicId, receiptSecret };
}
