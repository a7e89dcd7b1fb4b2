import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { assertTransition } from '../domain/petition-states.ts';
import { readPetitionDraft, type PetitionDraft } from '../domain/petition-draft.ts';
import { InputReader } from '../domain/input.ts';
import { randomId } from '../crypto/tokens.ts';
import { petitionTextHash, responseHash } from '../record/entry-hashes.ts';
import * as petitions from '../store/petitions.ts';
import { queueEntries } from '../store/record-queue.ts';
import { purgeSignerHashes } from '../store/signatures.ts';
import type { PetitionRow } from '../store/schema.ts';

/** loadOwnPetition returns a petition the actor may manage: its owner's, or any for an admin. */
export async function loadOwnPetition(ctx: ActionContext, actor: Actor, publicId: string): Promise<PetitionRow> {
  const petition = await petitions.findPetition(ctx.store.db, publicId);
  if (!petition) throw new VecheError('not-found', 'No such petition.');
  if (actor.role !== 'admin' && (actor.role !== 'organiser' || Number(petition.owner_id) !== actor.id)) {
    throw new VecheError('forbidden', "Only the petition's organiser or an admin can do this.");
  }
  return petition;
}

function draftColumns(draft: PetitionDraft) {
  return {
    title: draft.title,
    body: draft.body,
    addressee: draft.addressee,
    language: draft.language,
    goal: draft.goal,
    deadline: draft.deadline,
    name_rule: draft.nameRule,
    names_public: draft.namesPublic,
    region_rule: draft.regionRule,
    region_countries: JSON.stringify(draft.regionRule === 'none' ? [] : draft.regionCountries),
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
    await petitions.updatePetition(ctx.store.db, petition.id, { ...draftColumns(draft), updated_at: ctx.now() });
    return publicId;
  }
  const id = `p${randomId(7)}`;
  await petitions.insertPetition(ctx.store.db, {
    ...draftColumns(draft),
    public_id: id,
    owner_id: actor.id,
    status: 'draft',
    created_at: ctx.now(),
    updated_at: ctx.now(),
    opened_at: null,
    closed_at: null,
    response: null,
    responded_at: null,
    signer_hashes_purged_at: null,
  });
  return id;
}

/** publishPetition opens a draft for signing and records `petition.opened` with the hash of its text. */
export async function publishPetition(ctx: ActionContext, actor: Actor, publicId: string): Promise<void> {
  const petition = await loadOwnPetition(ctx, actor, publicId);
  const status = assertTransition(petition.status, 'publish');
  if (petition.deadline !== null && petition.deadline <= ctx.now()) {
    throw new VecheError('invalid-input', 'The deadline has passed.', [{ field: 'deadline', problem: 'date-in-past' }]);
  }
  await ctx.store.db.transaction().execute(async (trx) => {
    if (
      !(await petitions.changeStatus(trx, petition.id, 'draft', {
        status,
        opened_at: ctx.now(),
        updated_at: ctx.now(),
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

/** closePetition stops signing, by the organiser's hand or (with no actor) at the deadline, and records `petition.closed`. */
export async function closePetition(ctx: ActionContext, actor: Actor | null, publicId: string): Promise<void> {
  const petition = actor
    ? await loadOwnPetition(ctx, actor, publicId)
    : await petitions.findPetition(ctx.store.db, publicId);
  if (!petition) throw new VecheError('not-found', 'No such petition.');
  const status = assertTransition(petition.status, 'close');
  await ctx.store.db.transaction().execute(async (trx) => {
    if (
      !(await petitions.changeStatus(trx, petition.id, 'open', { status, closed_at: ctx.now(), updated_at: ctx.now() }))
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
  await ctx.store.db.transaction().execute(async (trx) => {
    await petitions.updatePetition(trx, petition.id, { response, responded_at: ctx.now(), updated_at: ctx.now() });
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

/** closeExpiredPetitions closes every open petition whose deadline has passed; returns how many. */
export async function closeExpiredPetitions(ctx: ActionContext): Promise<number> {
  const expired = await petitions.listExpiredPetitions(ctx.store.db, ctx.now());
  let closed = 0;
  for (const petition of expired) {
    try {
      await closePetition(ctx, null, petition.public_id);
      closed++;
    } catch (error) {
      if (!(error instanceof VecheError && error.code === 'wrong-state')) throw error;
    }
  }
  return closed;
}

/** purgeClosedSignerHashes deletes duplicate-stopping hashes of petitions closed 30 days or more. */
export async function purgeClosedSignerHashes(ctx: ActionContext): Promise<number> {
  const cutoff = ctx.now() - 30 * 24 * 3600_000;
  const due = await petitions.listPetitionsToPurge(ctx.store.db, cutoff);
  for (const p of due) {
    await ctx.store.db.transaction().execute(async (trx) => {
      await purgeSignerHashes(trx, p.id);
      await petitions.updatePetition(trx, p.id, { signer_hashes_purged_at: ctx.now() });
    });
  }
  return due.length;
}
