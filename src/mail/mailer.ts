import nodemailer, { type Transporter } from 'nodemailer';
import { mkdirSync, writeFileSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';

/** OutgoingMail is a rendered email. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Mailer delivers rendered emails: over SMTP when SMTP_URL is set, else into the data folder's outbox. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** outboxEnabled tells whether emails go to the local outbox (no SMTP configured). */
export function outboxEnabled(config: Pick<Config, 'smtpUrl'>): boolean {
  return !config.smtpUrl;
}

/** outboxDir is where the outbox keeps one .eml file per email. */
export function outboxDir(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'outbox');
}

/** createMailer builds the Mailer the configuration asks for. */
export function createMailer(config: Config): Mailer {
  const transport: Transporter = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
      if (!config.smtpUrl) {
        const dir = outboxDir(config);
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
        // Written under a temporary name and renamed, so a reader never sees half an email.
        writeFileSync(join(dir, `.${name}`), (info as { message: Buffer }).message, { mode: 0o600 });
        renameSync(join(dir, `.${name}`), join(dir, name));
      }
    },
  };
}

/** listOutbox returns the outbox's emails, newest first. */
export function listOutbox(config: Pick<Config, 'dataDir'>): string[] {
  try {
    return readdirSync(outboxDir(config)).filter((f) => f.endsWith('.eml') && !f.startsWith('.')).sort().reverse();
  } catch {
    return [];
  }
}

/** readOutbox returns one email's source, or null if the name is not an outbox file. */
export function readOutbox(config: Pick<Config, 'dataDir'>, name: string): string | null {
  if (!/^[\w-]+\.eml$/.test(name)) return null;
  try {
    return readFileSync(join(outboxDir(config), name), 'utf8');
  } catch {
    return null;
  }
}
