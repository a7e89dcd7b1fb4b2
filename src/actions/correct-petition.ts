import type { ActionContext, Actor } from './context.ts';
import type { PetitionVersion } from '../domain/petition.ts';
import { VecheError } from '../domain/errors.ts';
import { petitionTextHash } from '../record/entry-hashes.ts';
import { insertPetitionVersions, replacePetitionText } from '../store/petition-versions.ts';
import { queueEntries } from '../store/record-queue.ts';
import { readCorrection } from './read-correction.ts';

/**
 * correctPetition replaces an open petition's title, addressee or text in public: in one transaction it keeps the new
 * version (and, at the first correction, the text as published) in petition_versions, shows the new text, and queues
 * `petition.corrected` chaining the new text's hash to the one it replaces. It returns the new version's number.
 */
export async function correctPetition(
  ctx: ActionContext,
  actor: Actor,
  publicId: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<number> {
  const { petition: p, title, addressee, body, reason } = await readCorrection(ctx, actor, publicId, raw, ignore);
  const now = ctx.now();
  const next: PetitionVersion = { version: p.version + 1, title, addressee, body, correctedAt: now, reason };
  const first: PetitionVersion = {
    version: 1,
    title: p.title,
    addressee: p.addressee,
    body: p.body,
    correctedAt: p.openedAt ?? p.createdAt,
    reason: null,
  };
  await ctx.store.transaction(async (trx) => {
    // Only if still open and still at the version read: a closing or another correction that came first wins.
    if (!(await replacePetitionText(trx, p.id, p.version, next))) {
      throw new VecheError('conflict', 'The petition was closed or corrected meanwhile. Look at it again.');
    }
    await insertPetitionVersions(trx, p.id, p.version === 1 ? [first, next] : [next]);
    await queueEntries(trx, [
      {
        petitionId: p.id,
        delta: 0,
        entry: {
          type: 'petition.corrected',
          v: 1,
          petition: p.publicId,
          version: next.version,
          text: petitionTextHash(title, addressee, body),
          previous: petitionTextHash(p.title, p.addressee, p.body),
          reason,
        },
      },
    ]);
  });
  // The petition page and its JSON are read through PetitionReader, which drops its view of this petition here.
  ctx.events.changed(p.publicId);
  return next.version;
}
