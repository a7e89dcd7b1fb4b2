import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import { outboxEnabled, writeOutbox, type OutboxLabel } from './outbox.ts';

// Where the outbox is read, the functions are known by this module's name too.
export { outboxEnabled, listOutbox, readOutbox } from './outbox.ts';

/** OutgoingMail is a rendered email, with the label the outbox needs to forget it in time. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  label: OutboxLabel;
  /** unsubscribe is the page that stops this kind of email, for the List-Unsubscribe header (RFC 2369): notices only. */
  unsubscribe?: string;
}

/** Mailer delivers rendered emails: over SMTP when SMTP_URL is set, else into the data folder's outbox. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** createMailer builds the Mailer the configuration asks for; `now` dates the outbox's files. */
export function createMailer(config: Config, now: () => number = Date.now): Mailer {
  const outbox = outboxEnabled(config);
  const transport: Transporter = outbox
    ? nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    : nodemailer.createTransport(config.smtpUrl!);
  return {
    async send(mail) {
      // A note goes to an address whose signature is confirmed already: the outbox, a file on the server, never holds
      // such an address, so the note is kept (for the hour a person may want to read it) without it.
      const to = outbox && mail.label.kind === 'note' ? 'undisclosed-recipients:;' : mail.to;
      // RFC 8058: a mail client may stop the emails with one POST to the same link, without opening a page.
      const list = mail.unsubscribe
        ? {
            list: { unsubscribe: mail.unsubscribe },
            headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          }
        : {};
      const info = await transport.sendMail({
        from: config.mailFrom,
        to,
        subject: mail.subject,
        text: mail.text,
        ...list,
      });
      if (outbox) writeOutbox(config, (info as { message: Buffer }).message, mail.label, now());
    },
  };
}
