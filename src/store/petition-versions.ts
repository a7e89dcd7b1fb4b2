import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { PetitionVersion } from '../domain/petition.ts';
import { petitionVersionRow, toPetitionVersion } from './rows/petition-version-row.ts';

/** listPetitionVersions returns every kept version of a petition's text, oldest first; none if never corrected. */
export async function listPetitionVersions(db: Kysely<Database>, petitionId: number): Promise<PetitionVersion[]> {
  const rows = await db
    .selectFrom('petition_versions')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .orderBy('version')
    .execute();
  return rows.map(toPetitionVersion);
}

/** insertPetitionVersions keeps versions of a petition's text; a version kept already fails on its primary key. */
export async function insertPetitionVersions(
  db: Kysely<Database>,
  petitionId: number,
  versions: PetitionVersion[],
): Promise<void> {
  await db
    .insertInto('petition_versions')
    .values(versions.map((v) => petitionVersionRow(petitionId, v)))
    .execute();
}

/**
 * replacePetitionText shows a new version of an open petition's text, returning false if the petition is no longer
 * open or another correction moved it past `fromVersion` first (on PostgreSQL the second waits for the first's row
 * lock, then finds nothing to update).
 */
export async function replacePetitionText(
  db: Kysely<Database>,
  id: number,
  fromVersion: number,
  next: Pick<PetitionVersion, 'version' | 'title' | 'addressee' | 'body' | 'correctedAt'>,
): Promise<boolean> {
  const result = await db
    .updateTable('petitions')
    .set({
      title: next.title,
      addressee: next.addressee,
      body: next.body,
      text_version: next.version,
      corrected_at: next.correctedAt,
      updated_at: next.correctedAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('text_version', '=', fromVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
