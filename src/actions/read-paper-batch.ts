import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { InputReader } from '../domain/input.ts';
import { MAX_PAPER_BATCH, normaliseSheets } from '../domain/paper-batch.ts';
import type { Petition } from '../domain/petition.ts';
import { isRegionOf, supportedCountries } from '../domain/regions.ts';
import { loadOwnPetition } from './load-own-petition.ts';

/** PaperBatchInput is a checked batch, before it is added: what the confirmation step shows. */
export interface PaperBatchInput {
  petition: Petition;
  count: number;
  region: string | null;
  /** sheets are the sheet numbers in the record's form ("1-12,15"). */
  sheets: string;
}

/**
 * readPaperBatch checks a batch without adding it: the organiser's (or an admin's) own open petition, a count of 1 to
 * MAX_PAPER_BATCH, a region of the petition's countries (any supported country's when it asks for none) or none, and
 * sheet numbers as people write them. Bad input throws `invalid-input` naming the field.
 */
export async function readPaperBatch(
  ctx: ActionContext,
  actor: Actor,
  publicId: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<PaperBatchInput> {
  const petition = await loadOwnPetition(ctx, actor, publicId);
  assertOpen(petition);
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const count = input.integer('count', { min: 1, max: MAX_PAPER_BATCH, required: true });
  const region = input.text('region', { max: 10 });
  const countries = petition.regionCountries.length > 0 ? petition.regionCountries : supportedCountries;
  if (region !== null && !isRegionOf(region, countries)) input.add('region', 'not-a-choice');
  const written = input.text('sheets', { max: 1000, required: true });
  const sheets = written === null ? null : normaliseSheets(written);
  if (written !== null && sheets === null) input.add('sheets', 'not-sheet-numbers');
  input.done();
  return { petition, count: count!, region, sheets: sheets! };
}

export function assertOpen(petition: Petition): void {
  if (petition.status !== 'open')
    throw new VecheError('petition-not-open', 'Paper signatures can be added only while the petition is open.');
}
