import type { ActionContext } from '../actions/context.ts';
import * as petitions from '../store/petitions.ts';
import { purgeSignerHashes } from '../store/signatures.ts';

/** purgeClosedSignerHashes deletes duplicate-stopping hashes of petitions closed 30 days or more. */
export async function purgeClosedSignerHashes(ctx: ActionContext): Promise<number> {
  const cutoff = ctx.now() - 30 * 24 * 3600_000;
  const due = await petitions.listPetitionsToPurge(ctx.store.db, cutoff);
  for (const p of due) {
    await ctx.store.transaction(async (trx) => {
      await purgeSignerHashes(trx, p.id);
      await petitions.updatePetition(trx, p.id, { signerHashesPurgedAt: ctx.now() });
    });
  }
  return due.length;
}
