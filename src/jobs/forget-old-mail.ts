import type { ActionContext } from '../actions/context.ts';
import { deleteStaleMail } from '../store/mail-queue.ts';
import { waitingSignatures } from '../store/signatures.ts';
import { outboxEnabled, outboxKeeps, sweepOutbox } from '../mail/outbox.ts';

/**
 * forgetOldMail deletes mail that nobody needs any more: queued emails that could not be sent for as long as a link
 * works, and, in outbox mode, the outbox's notes after an hour and its links once they no longer work (confirmed,
 * replaced, expired) or are a week old. Returns how many emails it deleted.
 */
export async function forgetOldMail(ctx: ActionContext): Promise<number> {
  const now = ctx.now();
  let deleted = await deleteStaleMail(ctx.store.db, now - outboxKeeps.link);
  if (outboxEnabled(ctx.config))
    deleted += await sweepOutbox(ctx.config, now, (ids) => waitingSignatures(ctx.store.db, ids, now));
  return deleted;
}
