import { assertAttachmentMove } from '../domain/attachment.ts';
import { VecheError } from '../domain/errors.ts';
import * as attachments from '../store/attachments.ts';
import { queueEntries } from '../store/record-queue.ts';
import type { ActionContext, Actor } from './context.ts';
import { loadOwnAttachment } from './load-own-attachment.ts';

/**
 * publishAttachment shows a cleaned draft on its petition's page and records `attachment.published` with the SHA-256
 * of every file served of it, so that anyone can check a download against the record. The petition must be published
 * first: the record opens a petition before anything else of it.
 */
export async function publishAttachment(
  ctx: ActionContext,
  actor: Actor,
  petitionId: string,
  attachmentId: string,
): Promise<void> {
  const { petition, attachment } = await loadOwnAttachment(ctx, actor, petitionId, attachmentId);
  assertAttachmentMove(attachment.status, 'publish');
  if (petition.status === 'draft') {
    throw new VecheError('wrong-state', 'Publish the petition first; its photos and videos can be published then.');
  }
  await ctx.store.transaction(async (trx) => {
    if (!(await attachments.markPublished(trx, attachment.id, ctx.now())))
      throw new VecheError('wrong-state', 'The attachment was published or removed meanwhile.');
    await queueEntries(trx, [
      {
        petitionId: petition.id,
        delta: 0,
        entry: {
          type: 'attachment.published',
          v: 1,
          petition: petition.publicId,
          attachment: attachment.publicId,
          kind: attachment.kind,
          files: attachment.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
        },
      },
    ]);
  });
  ctx.events.changed(petition.publicId);
}
