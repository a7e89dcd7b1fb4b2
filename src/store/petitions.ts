import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { PetitionSummary } from '../domain/petition-catalogue.ts';
import type { NewPetition, Petition, PetitionChange } from '../domain/petition.ts';
import type { PetitionStatus } from '../domain/petition-states.ts';
import { newPetitionRow, petitionColumns, toPetition } from './rows/petition-row.ts';
import { isPostgres } from './dialect-of.ts';
import { compiledOnce } from './compiled-once.ts';

/** findPetition returns a petition by its public id, or undefined. */
export async function findPetition(db: Kysely<Database>, publicId: string): Promise<Petition | undefined> {
  const row = await db.selectFrom('petitions').selectAll().where('public_id', '=', publicId).executeTakeFirst();
  return row && toPetition(row);
}

/** insertPetition stores a new draft and returns its row id. */
export async function insertPetition(db: Kysely<Database>, petition: NewPetition): Promise<number> {
  const inserted = await db
    .insertInto('petitions')
    .values(newPetitionRow(petition))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** updatePetition changes a petition. */
export async function updatePetition(db: Kysely<Database>, id: number, change: PetitionChange): Promise<void> {
  await db.updateTable('petitions').set(petitionColumns(change)).where('id', '=', id).execute();
}

/** listPetitions returns petitions in the given statuses, newest first. */
export async function listPetitions(
  db: Kysely<Database>,
  statuses: PetitionStatus[],
  limit = 200,
): Promise<Petition[]> {
  const rows = await db
    .selectFrom('petitions')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toPetition);
}

/** listPublishedSummaries returns what the public list shows of every open and closed petition, without counts. */
export async function listPublishedSummaries(
  db: Kysely<Database>,
  limit = 100_000,
): Promise<(Omit<PetitionSummary, 'signatures'> & { id: number })[]> {
  const rows = await db
    .selectFrom('petitions')
    .select(['id', 'public_id', 'title', 'addressee', 'language', 'goal', 'status', 'opened_at'])
    .where('status', 'in', ['open', 'closed'])
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    publicId: r.public_id,
    title: r.title,
    addressee: r.addressee,
    language: r.language,
    goal: r.goal === null ? null : Number(r.goal),
    status: r.status as 'open' | 'closed',
    openedAt: Number(r.opened_at ?? 0),
  }));
}

/** listPetitionsOf returns every petition an account owns (all of them for an admin), newest first. */
export async function listPetitionsOf(db: Kysely<Database>, ownerId: number | null): Promise<Petition[]> {
  let query = db.selectFrom('petitions').selectAll().orderBy('id', 'desc').limit(500);
  if (ownerId !== null) query = query.where('owner_id', '=', ownerId);
  return (await query.execute()).map(toPetition);
}

/** listExpiredPetitions returns open petitions whose deadline has passed. */
export async function listExpiredPetitions(db: Kysely<Database>, now: number): Promise<Petition[]> {
  const rows = await db
    .selectFrom('petitions')
    .selectAll()
    .where('status', '=', 'open')
    .where('deadline', 'is not', null)
    .where('deadline', '<', now)
    .execute();
  return rows.map(toPetition);
}

/** changeStatus moves a petition on from `from`, returning false if another request moved it first. */
export async function changeStatus(
  db: Kysely<Database>,
  id: number,
  from: PetitionStatus,
  change: PetitionChange,
): Promise<boolean> {
  const result = await db
    .updateTable('petitions')
    .set(petitionColumns(change))
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** listPetitionsToPurge returns closed petitions whose signer hashes are due to be forgotten. */
export async function listPetitionsToPurge(db: Kysely<Database>, closedBefore: number): Promise<{ id: number }[]> {
  const rows = await db
    .selectFrom('petitions')
    .select(['id'])
    .where('status', '=', 'closed')
    .where('closed_at', '<', closedBefore)
    .where('signer_hashes_purged_at', 'is', null)
    .execute();
  return rows.map((row) => ({ id: Number(row.id) }));
}

/** findPetitionById returns a petition by its row id. */
export async function findPetitionById(db: Kysely<Database>, id: number): Promise<Petition | undefined> {
  const row = await db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPetition(row);
}

// Compiled once for each database (every signature runs it): the builder sees which one it compiles for.
const lockPetitionStatement = compiledOnce<{ id: number }, { status: PetitionStatus }>(['id'], (db, { id }) => {
  const query = db.selectFrom('petitions').select('status').where('id', '=', id);
  return isPostgres(db) ? query.forShare() : query;
});

/**
 * lockPetition reads a petition's status inside a transaction and, on PostgreSQL, holds a share lock on its row
 * until the transaction ends, so that a signature or withdrawal cannot commit after the petition's closing does.
 * SQLite needs no lock: it runs one write transaction at a time.
 */
export async function lockPetition(db: Kysely<Database>, id: number): Promise<PetitionStatus | undefined> {
  return (await lockPetitionStatement(db, { id })).rows[0]?.status;
}
