import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { InputReader } from '../domain/input.ts';
import { assertTransition } from '../domain/petition-states.ts';
import { petitionLimits } from '../domain/petition-draft.ts';
import type { Petition } from '../domain/petition.ts';
import { CORRECTION_REASONS, type CorrectionReason } from '../record/entry.ts';
import { loadOwnPetition } from './load-own-petition.ts';

/** MAX_CORRECTIONS is how many times a petition's text may be corrected: enough for mistakes, too few to flood. */
export const MAX_CORRECTIONS = 20;

/** Correction is a checked new text for a petition, with its public reason. */
export interface Correction {
  petition: Petition;
  title: string;
  addressee: string;
  body: string;
  reason: CorrectionReason;
}

/**
 * readCorrection checks a correction without making it (the form's first step shows it back): the organiser's own
 * open petition, fewer than MAX_CORRECTIONS corrections so far, a title, addressee and text within a draft's limits,
 * a reason from the list, and some change. Bad input throws `invalid-input` naming the field.
 */
export async function readCorrection(
  ctx: ActionContext,
  actor: Actor,
  publicId: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<Correction> {
  const petition = await loadOwnPetition(ctx, actor, publicId);
  assertTransition(petition.status, 'correct');
  if (petition.version > MAX_CORRECTIONS) {
    throw new VecheError('wrong-state', `A petition's text may be corrected at most ${MAX_CORRECTIONS} times.`);
  }
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const title = input.text('title', { max: petitionLimits.title, min: 5, required: true }) ?? '';
  const addressee = input.text('addressee', { max: petitionLimits.addressee, required: true }) ?? '';
  const body = input.text('body', { max: petitionLimits.body, min: 20, required: true, multiline: true }) ?? '';
  const reason = input.choice('reason', CORRECTION_REASONS, { required: true });
  if (
    input.problems.length === 0 &&
    title === petition.title &&
    addressee === petition.addressee &&
    body === petition.body
  ) {
    input.add('body', 'correction-unchanged');
  }
  input.done();
  return { petition, title, addressee, body, reason: reason! };
}
