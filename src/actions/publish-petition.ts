import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { assertTransition } from '../domain/petition-states.ts';
import { petitionTextHash } from '../record/entry-hashes.ts';
import * as petitions from '../store/petitions.ts';
import { queueEntries } from '../store/record-queue.ts';
import { loadOwnPetition } from './load-own-petition.ts';

/** publishPetition opens a draft for signing and records `petition.opened` with the hash of its text. */
export async function publishPetition(ctx: ActionContext, actor: Actor, publicId: string): Promise<void> {
  const petition = await loadOwnPetition(ctx, actor, publicId);
  const status = assertTransition(petition.status, 'publish');
  if (petition.deadline !== null && petition.deadline <= ctx.now()) {
    throw new VecheError('invalid-input', 'The deadline has passed.', [{ field: 'deadline', problem: 'date-in-past' }]);
  }
  await ctx.store.transaction(async (trx) => {
    if (
      !(await petitions.changeStatus(trx, petition.id, 'draft', {
        status,
        openedAt: ctx.now(),
        updatedAt: ctx.now(),
      }))
    )
      throw new VecheError('wrong-state', 'The petition was published already.');
    await queueEntries(trx, [
      {
        petitionId: petition.id,
        delta: 0,
        entry: {
          type: 'petition.opened',
          v: 1,
          petition: publicId,
          text: petitionTextHash(petition.title, petition.addressee, petition.body),
          goal: petition.goal,
          confirmation: petition.confirmation,
        },
      },
    ]);
  });
  ctx.events.changed(publicId);
}
