import type { ActionContext } from '../actions/context.ts';
import type { Mailer } from '../mail/mailer.ts';
import { renderMail } from '../mail/render-mail.ts';
import { openText } from '../crypto/email-cipher.ts';
import { dueMail, deleteMail, postponeMail } from '../store/mail-queue.ts';

/** sendMail sends the queued emails that are due and forgets each one (and its address) once sent. */
export async function sendMail(ctx: ActionContext, mailer: Mailer, log: { warn(obj: object, msg: string): void }): Promise<number> {
  const due = await dueMail(ctx.store.db, ctx.now());
  let sent = 0;
  for (const mail of due) {
    try {
      const to = openText(ctx.secrets.encryption, mail.recipient_enc);
      const params = JSON.parse(openText(ctx.secrets.encryption, mail.params)) as Record<string, string>;
      await mailer.send({ to, ...renderMail(mail.template, mail.language, params, ctx.config.publicUrl) });
      await deleteMail(ctx.store.db, mail.id);
      sent++;
    } catch (error) {
      // Back off: 1, 2, 4 ... minutes, at most an hour; never log the address.
      const attempts = mail.attempts + 1;
      log.warn({ mail: mail.id, attempts, error: (error as Error).message }, 'mail not sent');
      await postponeMail(ctx.store.db, mail.id, attempts, ctx.now() + Math.min(3600_000, 60_000 * 2 ** Math.min(attempts - 1, 6)));
    }
  }
  return sent;
}
