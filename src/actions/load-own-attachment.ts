import type { Attachment } from '../domain/attachment.ts';
import { VecheError } from '../domain/errors.ts';
import type { Petition } from '../domain/petition.ts';
import * as attachments from '../store/attachments.ts';
import type { ActionContext, Actor } from './context.ts';
import { loadOwnPetition } from './load-own-petition.ts';

/** loadOwnAttachment returns a petition its actor may manage and one of its attachments, or refuses. */
export async function loadOwnAttachment(
  ctx: ActionContext,
  actor: Actor,
  petitionId: string,
  attachmentId: string,
): Promise<{ petition: Petition; attachment: Attachment }> {
  const petition = await loadOwnPetition(ctx, actor, petitionId);
  const attachment = await attachments.findAttachment(ctx.store.db, attachmentId);
  if (!attachment || attachment.petitionId !== petition.id) throw new VecheError('not-found', 'No such attachment.');
  return { petition, attachment };
}
