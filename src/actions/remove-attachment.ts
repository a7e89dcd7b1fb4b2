import { ATTACHMENT_REMOVAL_REASONS, assertAttachmentMove } from '../domain/attachment.ts';
import { VecheError } from '../domain/errors.ts';
import { InputReader } from '../domain/input.ts';
import * as attachments from '../store/attachments.ts';
import { queueEntries } from '../store/record-queue.ts';
import type { ActionContext, Actor } from './context.ts';
import { loadOwnAttachment } from './load-own-attachment.ts';

/**
 * removeAttachment takes a photo or video down and deletes its bytes. A draft goes without a trace in the record; a
 * published one gets a later `attachment.removed` entry with its public reason (which the form must give).
 */
export async function removeAttachment(
  ctx: ActionContext,
  actor: Actor,
  petitionId: string,
  attachmentId: string,
  fields: unknown,
): Promise<void> {
  const { petition, attachment } = await loadOwnAttachment(ctx, actor, petitionId, attachmentId);
  assertAttachmentMove(attachment.status, 'remove');
  const input = new InputReader(fields);
  input.ignore('_csrf');
  const published = attachment.status === 'published';
  const reason = input.choice('reason', ATTACHMENT_REMOVAL_REASONS, { required: published });
  input.done();
  await ctx.store.transaction(async (trx) => {
    if (!(await attachments.markRemoved(trx, attachment.id, attachment.status, ctx.now())))
      throw new VecheError('wrong-state', 'The attachment was published or removed meanwhile.');
    if (!published || reason === null) return;
    await queueEntries(trx, [
      {
        petitionId: petition.id,
        delta: 0,
        entry: {
          type: 'attachment.removed',
          v: 1,
          petition: petition.publicId,
          attachment: attachment.publicId,
          reason,
        },
      },
    ]);
  });
  ctx.events.changed(petition.publicId);
}
