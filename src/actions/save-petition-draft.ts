import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { assertTransition } from '../domain/petition-states.ts';
import { readPetitionDraft, type PetitionDraft } from '../domain/petition-draft.ts';
import { randomId } from '../crypto/tokens.ts';
import * as petitions from '../store/petitions.ts';
import { loadOwnPetition } from './load-own-petition.ts';

function draftFields(draft: PetitionDraft) {
  return {
    title: draft.title,
    body: draft.body,
    addressee: draft.addressee,
    language: draft.language,
    goal: draft.goal,
    deadline: draft.deadline,
    nameRule: draft.nameRule,
    namesPublic: draft.namesPublic,
    regionRule: draft.regionRule,
    regionCountries: draft.regionRule === 'none' ? [] : draft.regionCountries,
    confirmation: draft.confirmation,
  };
}

/** savePetitionDraft creates a draft, or changes one (`publicId`), and returns its public id. */
export async function savePetitionDraft(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  publicId?: string,
  ignore: string[] = [],
): Promise<string> {
  if (actor.role === 'moderator') throw new VecheError('forbidden', 'Moderators cannot write petitions.');
  const petition = publicId ? await loadOwnPetition(ctx, actor, publicId) : null;
  if (petition) assertTransition(petition.status, 'edit');
  const draft = readPetitionDraft(raw, ctx.now(), ignore);
  if (publicId && petition) {
    await petitions.updatePetition(ctx.store.db, petition.id, { ...draftFields(draft), updatedAt: ctx.now() });
    return publicId;
  }
  const id = `p${randomId(7)}`;
  await petitions.insertPetition(ctx.store.db, {
    ...draftFields(draft),
    publicId: id,
    ownerId: actor.id,
    status: 'draft',
    createdAt: ctx.now(),
    updatedAt: ctx.now(),
    openedAt: null,
    closedAt: null,
    response: null,
    respondedAt: null,
    signerHashesPurgedAt: null,
  });
  return id;
}
