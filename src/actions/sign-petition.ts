import type { ActionContext } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { VecheError } from '../domain/errors.ts';
import { assertTransition } from '../domain/petition-states.ts';
import { readSigning, type SigningRules } from '../domain/signing.ts';
import { randomId, newToken, hashToken } from '../crypto/tokens.ts';
import { newReceiptSecret } from '../crypto/receipt-secret.ts';
import { mailAllowanceOf } from '../mail/mail-allowance.ts';
import { sealText, signerHash } from '../crypto/email-cipher.ts';
import * as petitions from '../store/petitions.ts';
import * as signatures from '../store/signatures.ts';
import { queueEntries } from '../store/record-queue.ts';
import { enqueueMail } from '../store/mail-queue.ts';
import type { PetitionRow } from '../store/schema.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

const CONFIRM_MS = 7 * 24 * 3600_000;

/** SignResult is what a signer is told: either a receipt now (no confirmation), or to check their email. */
export type SignResult = { kind: 'counted'; signature: string; receiptSecret: string } | { kind: 'check-email' };

/** signingRules reads a petition's rules for its signers. */
export function signingRules(petition: PetitionRow): SigningRules {
  return {
    nameRule: petition.name_rule,
    namesPublic: petition.names_public,
    regionRule: petition.region_rule,
    regionCountries: JSON.parse(petition.region_countries),
    confirmation: petition.confirmation,
  };
}

/** findOpenPetition returns a petition that takes signatures now, or throws `not-found` / `petition-not-open`. */
export async function findOpenPetition(db: Kysely<Database>, publicId: string, now: number): Promise<PetitionRow> {
  const petition = await petitions.findPetition(db, publicId);
  if (!petition || petition.status === 'draft') throw new VecheError('not-found', 'No such petition.');
  assertTransition(petition.status, 'sign');
  if (petition.deadline !== null && petition.deadline < now)
    throw new VecheError('petition-not-open', 'The petition has passed its deadline.');
  return petition;
}

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
  const petition = await findOpenPetition(ctx.store.db, publicId, ctx.now());
  const signing = readSigning(raw, signingRules(petition), { ignore, unsafeMailDomains: ctx.config.unsafeMailDomains });
  const minute = Math.floor(ctx.now() / 60_000);
  if (petition.confirmation === 'none') {
    const receiptSecret = newReceiptSecret();
    const signature = `s${randomId(16)}`;
    await ctx.store.writes.run(async (trx) => {
      await assertStillOpen(ctx, trx, petition.id);
      const id = await signatures.insertSignature(trx, {
        public_id: signature,
        petition_id: petition.id,
        status: 'counted',
        name: signing.name,
        region: signing.region,
        show_name: signing.showName ? 1 : 0,
        email_enc: null,
        email_hash: null,
        confirm_token_hash: null,
        confirm_expires_at: null,
        receipt_hash: hashToken(receiptSecret),
        signed_minute: minute,
        counted_minute: minute,
        invalidation_id: null,
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
    recipient_enc: sealText(ctx.secrets.encryption, email),
    language,
    template,
    // Nothing about the petition: the email never names it, so the queue has no reason to hold it either.
    params: sealText(ctx.secrets.encryption, JSON.stringify(params)),
  });
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.store.writes.run(async (trx) => {
        await assertStillOpen(ctx, trx, petition.id);
        const existing = await signatures.findSignatureByEmailHash(trx, petition.id, emailHash);
        const token = newToken();
        if (!mayMail) {
          await enqueueMail(
            trx,
            {
              recipient_enc: sealText(ctx.secrets.encryption, ''),
              language,
              template: 'held',
              params: sealText(ctx.secrets.encryption, '{}'),
            },
            ctx.now(),
          );
        } else if (!existing) {
          await signatures.insertSignature(trx, {
            public_id: `s${randomId(16)}`,
            petition_id: petition.id,
            status: 'pending',
            name: signing.name,
            region: signing.region,
            show_name: signing.showName ? 1 : 0,
            email_enc: sealText(ctx.secrets.encryption, email),
            email_hash: emailHash,
            confirm_token_hash: hashToken(token),
            confirm_expires_at: ctx.now() + CONFIRM_MS,
            receipt_hash: null,
            signed_minute: minute,
            counted_minute: null,
            invalidation_id: null,
          });
          await enqueueMail(trx, mail('confirm-signature', { token }), ctx.now());
        } else if (existing.status === 'pending') {
          // The first email may have been lost: send a fresh link, and let the newest details stand.
          await signatures.updateSignature(trx, existing.id, 'pending', {
            name: signing.name,
            region: signing.region,
            show_name: signing.showName ? 1 : 0,
            confirm_token_hash: hashToken(token),
            confirm_expires_at: ctx.now() + CONFIRM_MS,
          });
          await enqueueMail(trx, mail('confirm-signature', { token }), ctx.now());
        } else {
          await enqueueMail(trx, mail('already-signed', {}), ctx.now());
        }
      });
      return { kind: 'check-email' };
    } catch (error) {
      // Two submissions from one address at once: the unique index stops the second; run it again as "existing".
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** assertStillOpen re-reads the status inside the writing transaction (locking it on PostgreSQL), so nothing is signed after closing. */
export async function assertStillOpen(ctx: ActionContext, trx: Kysely<Database>, petitionId: number): Promise<void> {
  if ((await petitions.lockedStatus(trx, petitionId, ctx.store.dialect)) !== 'open') {
    throw new VecheError('petition-not-open', 'The petition closed while this was being signed.');
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
