import type { ActionContext } from '../actions/context.ts';
import { deletePendingSignatures, unconfirmableSignatures } from '../store/signatures.ts';
import { forgetSignatureMail, outboxEnabled } from '../mail/outbox.ts';

const BATCH = 500;

/**
 * forgetExpiredSignatures deletes the pending signatures that can no longer be confirmed (their link expired, or their
 * petition closed): the row goes, and with it the sealed address, the name, the hash and the link's hash; then their
 * emails leave the outbox. A crash between the two leaves files whose signature is gone, which the outbox's sweep
 * (forgetOldMail) deletes. Returns how many signatures it deleted.
 */
export async function forgetExpiredSignatures(ctx: ActionContext): Promise<number> {
  let deleted = 0;
  for (let round = 0; round < 100; round++) {
    const ids = await unconfirmableSignatures(ctx.store.db, ctx.now(), BATCH);
    if (ids.length === 0) break;
    deleted += await deletePendingSignatures(ctx.store.db, ids);
    if (outboxEnabled(ctx.config)) for (const id of ids) forgetSignatureMail(ctx.config, id);
    if (ids.length < BATCH) break;
  }
  return deleted;
}
