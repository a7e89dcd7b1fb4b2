import type { ActionContext } from '../actions/context.ts';
import { VecheError } from '../domain/errors.ts';
import * as petitions from '../store/petitions.ts';
import { closePetition } from '../actions/close-petition.ts';

/** closeExpiredPetitions closes every open petition whose deadline has passed; returns how many. */
export async function closeExpiredPetitions(ctx: ActionContext): Promise<number> {
  const expired = await petitions.listExpiredPetitions(ctx.store.db, ctx.now());
  let closed = 0;
  for (const petition of expired) {
    try {
      await closePetition(ctx, null, petition.publicId);
      closed++;
    } catch (error) {
      if (!(error instanceof VecheError && error.code === 'wrong-state')) throw error;
    }
  }
  return closed;
}
