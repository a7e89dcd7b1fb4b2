import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import * as petitions from '../store/petitions.ts';
import type { Petition } from '../domain/petition.ts';

/** loadOwnPetition returns a petition the actor may manage: its owner's, or any for an admin. */
export async function loadOwnPetition(ctx: ActionContext, actor: Actor, publicId: string): Promise<Petition> {
  const petition = await petitions.findPetition(ctx.store.db, publicId);
  if (!petition) throw new VecheError('not-found', 'No such petition.');
  if (actor.role !== 'admin' && (actor.role !== 'organiser' || Number(petition.ownerId) !== actor.id)) {
    throw new VecheError('forbidden', "Only the petition's organiser or an admin can do this.");
  }
  return petition;
}
