import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { assertTransition } from '../domain/petition-states.ts';
import * as petitions from '../store/petitions.ts';
import { queueEntries } from '../store/record-queue.ts';
import { loadOwnPetition } from './load-own-petition.ts';

/** closePetition stops signing, by the organiser's hand or (with no actor) at the deadline, and records `petition.closed`. */
export async function closePetition(ctx: ActionContext, actor: Actor | null, publicId: string): Promise<void> {
  const petition = actor
    ? await loadOwnPetition(ctx, actor, publicId)
    : await petitions.findPetition(ctx.store.db, publicId);
  if (!petition) throw new VecheError('not-found', 'No such petition.');
  const status = assertTransition(petition.status, 'close');
  await ctx.store.transaction(async (trx) => {
    if (
      !(await petitions.changeStatus(trx, petition.id, 'open', { status, closedAt: ctx.now(), updatedAt: ctx.now() }))
    )
      throw new VecheError('wrong-state', 'The petition was closed already.');
    await queueEntries(trx, [
      {
        petitionId: petition.id,
        delta: 0,
        entry: { type: 'petition.closed', v: 1, petition: publicId, reason: actor ? 'organiser' : 'deadline' },
      },
    ]);
  });
  ctx.events.changed(publicId);
}
