import type { ActionContext, Actor } from './context.ts';
import { assertTransition } from '../domain/petition-states.ts';
import { InputReader } from '../domain/input.ts';
import { responseHash } from '../record/entry-hashes.ts';
import * as petitions from '../store/petitions.ts';
import { queueEntries } from '../store/record-queue.ts';
import { loadOwnPetition } from './load-own-petition.ts';

/** recordResponse keeps the addressee's response on the petition and records its hash. */
export async function recordResponse(
  ctx: ActionContext,
  actor: Actor,
  publicId: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  const petition = await loadOwnPetition(ctx, actor, publicId);
  assertTransition(petition.status, 'respond');
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const response = input.text('response', { max: 20_000, required: true, multiline: true });
  input.done();
  await ctx.store.transaction(async (trx) => {
    await petitions.updatePetition(trx, petition.id, { response, respondedAt: ctx.now(), updatedAt: ctx.now() });
    await queueEntries(trx, [
      {
        petitionId: petition.id,
        delta: 0,
        entry: { type: 'petition.responded', v: 1, petition: publicId, response: responseHash(response!) },
      },
    ]);
  });
  ctx.events.changed(publicId);
}
