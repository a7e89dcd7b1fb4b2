import { mailFailures, mailSent } from '../metrics/metrics.ts';
import type { ActionContext } from '../actions/context.ts';
import type { Mailer } from '../mail/mailer.ts';
import { renderMail } from '../mail/render-mail.ts';
import { forgetSignatureMail, outboxEnabled } from '../mail/outbox.ts';
import { openText } from '../crypto/email-cipher.ts';
import { hashToken } from '../crypto/tokens.ts';
import { claimMail, dueMail, deleteMail, postponeMail } from '../store/mail-queue.ts';
import { findSignatureByToken } from '../store/signatures.ts';

/** CLAIM_MS is how long a sender holds an email it took before another may take it: far longer than sending takes. */
const CLAIM_MS = 10 * 60_000;

/**
 * sendMail sends the queued emails that are due and forgets each one (and its address) once sent. A confirmation
 * whose link no longer works (confirmed, replaced by a newer one, expired) is dropped unsent, and a `held` row (a
 * signing past the per-address mail limit, see mail-allowance.ts) is only deleted.
 */
export async function sendMail(
  ctx: ActionContext,
  mailer: Mailer,
  log: { warn(obj: object, msg: string): void },
): Promise<number> {
  const due = await dueMail(ctx.store.db, ctx.now());
  let sent = 0;
  for (const mail of due) {
    // Another node (or an earlier run still sending) may have read the same email: only the one that claims it sends.
    if (!(await claimMail(ctx.store.db, mail, ctx.now() + CLAIM_MS))) continue;
    try {
      if (mail.template === 'held') {
        await deleteMail(ctx.store.db, mail.id);
        continue;
      }
      const params = JSON.parse(openText(ctx.secrets.encryption, mail.paramsSealed)) as Record<string, string>;
      const link = mail.template === 'confirm-signature' ? await waitingSignature(ctx, params.token) : null;
      if (mail.template === 'confirm-signature' && link === null) {
        await deleteMail(ctx.store.db, mail.id);
        continue;
      }
      const to = openText(ctx.secrets.encryption, mail.recipientSealed);
      const label = { kind: link === null ? ('note' as const) : ('link' as const), signature: link };
      await mailer.send({ to, ...renderMail(mail.template, mail.language, params, ctx.config.publicUrl), label });
      await deleteMail(ctx.store.db, mail.id);
      mailSent.inc();
      sent++;
      // Confirmed while the email was being written: its deletion from the outbox may have come before the file.
      if (link !== null && outboxEnabled(ctx.config) && (await waitingSignature(ctx, params.token)) === null)
        forgetSignatureMail(ctx.config, link);
    } catch (error) {
      // Back off: 1, 2, 4 ... minutes, at most an hour; never log the address.
      const attempts = mail.attempts + 1;
      mailFailures.inc();
      log.warn({ mail: mail.id, attempts, error: (error as Error).message }, 'mail not sent');
      await postponeMail(
        ctx.store.db,
        mail.id,
        attempts,
        ctx.now() + Math.min(3600_000, 60_000 * 2 ** Math.min(attempts - 1, 6)),
      );
    }
  }
  return sent;
}

/** waitingSignature returns the row id of the signature a token still confirms, or null. */
async function waitingSignature(ctx: ActionContext, token: string | undefined): Promise<number | null> {
  if (typeof token !== 'string') return null;
  const signature = await findSignatureByToken(ctx.store.db, hashToken(token));
  if (signature?.status !== 'pending' || (signature.confirmExpiresAt ?? 0) < ctx.now()) return null;
  return Number(signature.id);
}
