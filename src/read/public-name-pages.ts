import type { ActionContext } from '../actions/context.ts';
import type { PublicName } from '../domain/petition.ts';
import { publicNamesPage } from '../store/signatures.ts';

/**
 * publicNamePages yields a petition's counted signers who chose to show their name, a page at a time in the order
 * they were stored, so that a petition with a million signers never sits in memory whole.
 */
export async function* publicNamePages(
  ctx: Pick<ActionContext, 'store'>,
  petitionId: number,
  pageSize = 5000,
): AsyncGenerator<PublicName[]> {
  for (let after = 0; ; ) {
    const rows = await publicNamesPage(ctx.store.db, petitionId, after, pageSize);
    if (rows.length === 0) return;
    yield rows.map(({ id: _id, ...name }) => name);
    after = rows[rows.length - 1].id;
  }
}
