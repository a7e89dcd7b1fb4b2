import type { Insertable, Selectable } from 'kysely';
import type { PetitionVersion } from '../../domain/petition.ts';
import type { PetitionVersionsTable } from '../schema.ts';

/** toPetitionVersion reads a petition_versions row as a PetitionVersion. */
export function toPetitionVersion(row: Selectable<PetitionVersionsTable>): PetitionVersion {
  return {
    version: Number(row.version),
    title: row.title,
    addressee: row.addressee,
    body: row.body,
    correctedAt: Number(row.corrected_at),
    reason: row.reason,
  };
}

/** petitionVersionRow turns a version of a petition's text into the row to insert. */
export function petitionVersionRow(petitionId: number, v: PetitionVersion): Insertable<PetitionVersionsTable> {
  return {
    petition_id: petitionId,
    version: v.version,
    title: v.title,
    addressee: v.addressee,
    body: v.body,
    corrected_at: v.correctedAt,
    reason: v.reason,
  };
}
