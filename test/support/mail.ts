import { openText } from '../../src/crypto/email-cipher.ts';
import type { TestContext } from './database.ts';

/** QueuedMessage is a queued email as its recipient would get it: opened with the server's key. */
export interface QueuedMessage {
  to: string;
  template: string;
  language: string;
  params: Record<string, string>;
}

/** mailbox returns every queued email to one address (compared case-insensitively), oldest first. */
export async function mailbox(ctx: TestContext, address: string): Promise<QueuedMessage[]> {
  const rows = await ctx.store.db.selectFrom('mail_queue').selectAll().orderBy('id').execute();
  return rows
    .map((row) => ({
      to: openText(ctx.secrets.encryption, row.recipient_enc),
      template: row.template,
      language: row.language,
      params: JSON.parse(openText(ctx.secrets.encryption, row.params)) as Record<string, string>,
    }))
    .filter((mail) => mail.to.toLowerCase() === address.toLowerCase());
}

/** confirmationToken returns the token of the latest confirmation link sent to an address. */
export async function confirmationToken(ctx: TestContext, address: string): Promise<string> {
  const links = (await mailbox(ctx, address)).filter((m) => m.template === 'confirm-signature');
  if (links.length === 0) throw new Error(`no confirmation email to ${address}`);
  return links[links.length - 1].params.token;
}
