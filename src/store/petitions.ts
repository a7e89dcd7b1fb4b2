import type { Kysely } from 'kysely';
import type { Database, NewPetitionRow, PetitionRow, PetitionUpdate } from './schema.ts';
import type { PetitionSummary } from '../domain/petition-catalogue.ts';

/** findPetition returns a petition by its public id, or undefined. */
export function findPetition(db: Kysely<Database>, publicId: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petitions').selectAll().where('public_id', '=', publicId).executeTakeFirst();
}

/** insertPetition stores a new draft and returns its row id. */
export async function insertPetition(db: Kysely<Database>, row: NewPetitionRow): Promise<number> {
  const inserted = await db.insertInto('petitions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** updatePetition changes a petition's columns. */
export async function updatePetition(db: Kysely<Database>, id: number, change: PetitionUpdate): Promise<void> {
  await db.updateTable('petitions').set(change).where('id', '=', id).execute();
}

/** listPetitions returns petitions in the given statuses, newest first. */
export function listPetitions(
  db: Kysely<Database>,
  statuses: PetitionRow['status'][],
  limit = 200,
): Promise<PetitionRow[]> {
  return db
    .selectFrom('petitions')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
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
export function listPetitionsOf(db: Kysely<Database>, ownerId: number | null): Promise<PetitionRow[]> {
  let query = db.selectFrom('petitions').selectAll().orderBy('id', 'desc').limit(500);
  if (ownerId !== null) query = query.where('owner_id', '=', ownerId);
  return query.execute();
}

/** listExpiredPetitions returns open petitions whose deadline has passed. */
export function listExpiredPetitions(db: Kysely<Database>, now: number): Promise<PetitionRow[]> {
  return db
    .selectFrom('petitions')
    .selectAll()
    .where('status', '=', 'open')
    .where('deadline', 'is not', null)
    .where('deadline', '<', now)
    .execute();
}

/** changeStatus moves a petition on from `from`, returning false if another request moved it first. */
export async function changeStatus(
  db: Kysely<Database>,
  id: number,
  from: PetitionRow['status'],
  change: PetitionUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('petitions')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** listPetitionsToPurge returns closed petitions whose signer hashes are due to be forgotten. */
export function listPetitionsToPurge(db: Kysely<Database>, closedBefore: number): Promise<Pick<PetitionRow, 'id'>[]> {
  return db
    .selectFrom('petitions')
    .select(['id'])
    .where('status', '=', 'closed')
    .where('closed_at', '<', closedBefore)
    .where('signer_hashes_purged_at', 'is', null)
    .execute();
}

/** findPetitionById returns a petition by its row id. */
export function findPetitionById(db: Kysely<Database>, id: number): Promise<PetitionRow | undefined> {
  return db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * lockedStatus reads a petition's status inside a transaction and, on PostgreSQL, holds a share lock on its row
 * until the transaction ends, so that a signature or withdrawal cannot commit after the petition's closing does.
 * SQLite needs no lock: it runs one write transaction at a time.
 */
export async function lockedStatus(
  db: Kysely<Database>,
  id: number,
  dialect: 'sqlite' | 'postgres',
): Promise<PetitionRow['status'] | undefined> {
  let query = db.selectFrom('petitions').select('status').where('id', '=', id);
  if (dialect === 'postgres') query = query.forShare();
  return (await query.executeTakeFirst())?.status;
}
