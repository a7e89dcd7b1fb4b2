import type { ActionContext } from '../actions/context.ts';
import type { Invalidation, Petition } from '../domain/petition.ts';
import { listInvalidations, ratePerMinute } from '../store/signatures.ts';
import { countRecordEntries, countSignatures, countsByRegionNow } from '../store/tallies.ts';
import { countPaper } from '../store/paper-batches.ts';

/** PetitionWatch is what the organiser watches of a petition: the exact count, regions, recent minutes, invalidations and the record's progress. */
export interface PetitionWatch {
  /** signatures are those made online; paper those of the counted paper batches. */
  signatures: number;
  paper: number;
  byRegion: { region: string; signatures: number }[];
  /** perMinute counts the signatures counted in each minute since `sinceMinute` that had any. */
  perMinute: { minute: number | null; signatures: number }[];
  invalidations: Invalidation[];
  record: { queued: number; sequenced: number };
}

/** readPetitionWatch reads a petition's organiser dashboard, with the minutes from `sinceMinute` on. */
export async function readPetitionWatch(
  ctx: ActionContext,
  petition: Petition,
  sinceMinute: number,
): Promise<PetitionWatch> {
  const db = ctx.store.db;
  const [signatures, paper, byRegion, perMinute, invalidations, record] = await Promise.all([
    countSignatures(db, petition.id),
    countPaper(db, petition.id),
    countsByRegionNow(db, petition.id),
    ratePerMinute(db, petition.id, sinceMinute),
    listInvalidations(db, petition.id),
    countRecordEntries(db, petition.id),
  ]);
  return { signatures, paper, byRegion, perMinute, invalidations, record };
}
