import type { ActionContext } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { readSigning } from '../domain/signing.ts';
import { signingRules } from '../domain/signing-rules.ts';
import { openPetitionsOf } from './open-petitions.ts';
import { randomId, newToken, hashToken } from '../crypto/tokens.ts';
import { newReceiptSecret } from '../crypto/receipt-secret.ts';
import { mailAllowanceOf } from '../mail/mail-allowance.ts';
import { sealText, signerHash } from '../crypto/email-cipher.ts';
import * as signatures from '../store/signatures.ts';
import { queueEntries } from '../store/record-queue.ts';
import { enqueueMail } from '../store/mail-queue.ts';
import { assertStillOpen } from './assert-still-open.ts';
import { assertSignable } from './find-open-petition.ts';

const CONFIRM_MS = 7 * 24 * 3600_000;

/** SignResult is what a signer is told: either a receipt now (no confirmation), or to check their email. */
export type SignResult = { kind: 'counted'; signature: string; receiptSecret: string } | { kind: 'check-email' };

/**
 * signPetition records a signature. Without confirmation it is counted at once (and `signature.added` queued in the
 * same transaction). With confirmation the answer is always "check your email", whether or not the address has
 * signed before, so that nobody can use this form to learn who signed; the email says which case it is.
 *
 * An address that has had its few emails this hour (MailAllowance) gets none, and nothing about its signature
 * changes (a link it already has keeps working); the answer is the same, and the transaction still looks the
 * signature up and queues one row (a `held` placeholder holding no address), so that it costs about the same.
 */
export async function signPetition(
  ctx: ActionContext,
  publicId: string,
  raw: unknown,
  language: string,
  ignore: string[] = [],
): Promise<SignResult> {
  assertLogAccepting(ctx);
  // Kept for a moment between signatures (OpenPetitions); its status is read again in the writing transaction.
  const kept = openPetitionsOf(ctx);
  const petition = assertSignable(await kept.find(ctx.store, publicId), ctx.now());
  const signing = readSigning(raw, signingRules(petition), { ignore, unsafeMailDomains: ctx.config.unsafeMailDomains });
  const minute = Math.floor(ctx.now() / 60_000);
  if (petition.confirmation === 'none') {
    const receiptSecret = newReceiptSecret();
    const signature = `s${randomId(16)}`;
    await ctx.store.writes.run(async (trx) => {
      await assertStillOpen(trx, petition.id, () => kept.forget(publicId));
      const id = await signatures.insertSignature(trx, {
        publicId: signature,
        petitionId: petition.id,
        status: 'counted',
        name: signing.name,
        region: signing.region,
        showName: signing.showName,
        emailEnc: null,
        emailHash: null,
        confirmTokenHash: null,
        confirmExpiresAt: null,
        receiptHash: hashToken(receiptSecret),
        signedMinute: minute,
        countedMinute: minute,
        invalidationId: null,
      });
      await queueEntries(trx, [
        {
          petitionId: petition.id,
          signatureId: id,
          delta: 1,
          entry: { type: 'signature.added', v: 1, petition: publicId, signature, confirmed: false },
        },
      ]);
    });
    ctx.events.changed(publicId);
    return { kind: 'counted', signature, receiptSecret };
  }
  const email = signing.email!;
  const emailHash = await signerHash(ctx.secrets.hashing, publicId, email);
  const mayMail = !ctx.config.rateLimits || mailAllowanceOf(ctx.store).take(email, ctx.now());
  const mail = (template: string, params: Record<string, string>) => ({
    recipientSealed: sealText(ctx.secrets.encryption, email),
    language,
    template,
    // Nothing about the petition: the email never names it, so the queue has no reason to hold it either.
    paramsSealed: sealText(ctx.secrets.encryption, JSON.stringify(params)),
  });
  await ctx.store.writes.run(async (trx) => {
    await assertStillOpen(trx, petition.id, () => kept.forget(publicId));
    let existing = await signatures.findSignatureByEmailHash(trx, petition.id, emailHash);
    const token = newToken();
    if (!mayMail) {
      await enqueueMail(
        trx,
        {
          recipientSealed: sealText(ctx.secrets.encryption, ''),
          language,
          template: 'held',
          paramsSealed: sealText(ctx.secrets.encryption, '{}'),
        },
        ctx.now(),
      );
      return;
    }
    if (!existing) {
      const stored = await signatures.insertSignatureOnce(trx, {
        publicId: `s${randomId(16)}`,
        petitionId: petition.id,
        status: 'pending',
        name: signing.name,
        region: signing.region,
        showName: signing.showName,
        emailEnc: sealText(ctx.secrets.encryption, email),
        emailHash: emailHash,
        confirmTokenHash: hashToken(token),
        confirmExpiresAt: ctx.now() + CONFIRM_MS,
        receiptHash: null,
        signedMinute: minute,
        countedMinute: null,
        invalidationId: null,
      });
      if (stored === 'inserted') {
        await enqueueMail(trx, mail('confirm-signature', { token }), ctx.now());
        return;
      }
      // Two submissions from one address at once: the other one stored its signature first; go on as "existing".
      existing = await signatures.findSignatureByEmailHash(trx, petition.id, emailHash);
    }
    if (existing?.status === 'pending') {
      // The first email may have been lost: send a fresh link, and let the newest details stand.
      await signatures.updateSignature(trx, existing.id, 'pending', {
        name: signing.name,
        region: signing.region,
        showName: signing.showName,
        confirmTokenHash: hashToken(token),
        confirmExpiresAt: ctx.now() + CONFIRM_MS,
      });
      await enqueueMail(trx, mail('confirm-signature', { token }), ctx.now());
    } else {
      await enqueueMail(trx, mail('already-signed', {}), ctx.now());
    }
  });
  return { kind: 'check-email' };
}
