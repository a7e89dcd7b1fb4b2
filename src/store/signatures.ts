import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database, SignatureRow, SignaturesTable } from './schema.ts';
import { compiledOnce } from './compiled-once.ts';
import type { NewSignature, Signature, SignatureChange, SignatureStatus } from '../domain/signature.ts';
import type { Invalidation, PublicName } from '../domain/petition.ts';
import { newSignatureRow, signatureColumns, toSignature } from './rows/signature-row.ts';

// Every column of a new signature, so that the statements below are compiled once (compiledOnce) for all of them.
const newSignatureColumns = [
  'public_id',
  'petition_id',
  'status',
  'name',
  'region',
  'show_name',
  'email_enc',
  'email_hash',
  'confirm_token_hash',
  'confirm_expires_at',
  'receipt_hash',
  'signed_minute',
  'counted_minute',
  'invalidation_id',
] as const;
type NewSignatureRow = Record<(typeof newSignatureColumns)[number], unknown>;

const insertSignatureStatement = compiledOnce<NewSignatureRow, { id: number }>(newSignatureColumns, (db, row) =>
  db
    .insertInto('signatures')
    .values(row as Insertable<SignaturesTable>)
    .returning('id'),
);

/** insertSignature stores a signature and returns its row id. */
export async function insertSignature(db: Kysely<Database>, signature: NewSignature): Promise<number> {
  const { rows } = await insertSignatureStatement(db, newSignatureRow(signature) as NewSignatureRow);
  if (rows.length !== 1) throw new Error('insertSignature: the insert returned no row id');
  return Number(rows[0].id);
}

// The conflict target names the partial unique index; SQLite matches its condition only if written as it is there.
const insertSignatureOnceStatement = compiledOnce<NewSignatureRow, { id: number }>(newSignatureColumns, (db, row) =>
  db
    .insertInto('signatures')
    .values(row as Insertable<SignaturesTable>)
    .onConflict((oc) =>
      oc.columns(['petition_id', 'email_hash']).where(sql.ref('email_hash'), 'is not', null).doNothing(),
    )
    .returning('id'),
);

/**
 * insertSignatureOnce stores a signature unless the petition already has one from the same address (its email hash),
 * which two submissions at once can race to write: the unique index decides, and the loser gets `exists`, never an
 * error (an error would abort the whole transaction on PostgreSQL).
 */
export async function insertSignatureOnce(
  db: Kysely<Database>,
  signature: NewSignature,
): Promise<'inserted' | 'exists'> {
  const { rows } = await insertSignatureOnceStatement(db, newSignatureRow(signature) as NewSignatureRow);
  return rows.length > 0 ? 'inserted' : 'exists';
}

const findByEmailHashStatement = compiledOnce<{ petitionId: number; emailHash: string }, SignatureRow>(
  ['petitionId', 'emailHash'],
  (db, { petitionId, emailHash }) =>
    db.selectFrom('signatures').selectAll().where('petition_id', '=', petitionId).where('email_hash', '=', emailHash),
);

/** findSignatureByEmailHash returns the petition's signature from one address, if any. */
export async function findSignatureByEmailHash(
  db: Kysely<Database>,
  petitionId: number,
  emailHash: string,
): Promise<Signature | undefined> {
  const { rows } = await findByEmailHashStatement(db, { petitionId, emailHash });
  return rows[0] && toSignature(rows[0]);
}

/** findSignatureByToken returns the signature a confirmation link was made for. */
export async function findSignatureByToken(db: Kysely<Database>, tokenHash: string): Promise<Signature | undefined> {
  const row = await db
    .selectFrom('signatures')
    .selectAll()
    .where('confirm_token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && toSignature(row);
}

/** findSignature returns a signature by public id. */
export async function findSignature(db: Kysely<Database>, publicId: string): Promise<Signature | undefined> {
  const row = await db.selectFrom('signatures').selectAll().where('public_id', '=', publicId).executeTakeFirst();
  return row && toSignature(row);
}

/** updateSignature changes a signature; `expect` guards against a concurrent change (returns false if it lost). */
export async function updateSignature(
  db: Kysely<Database>,
  id: number,
  expectStatus: SignatureStatus,
  change: SignatureChange,
): Promise<boolean> {
  const result = await db
    .updateTable('signatures')
    .set(signatureColumns(change))
    .where('id', '=', id)
    .where('status', '=', expectStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** recentPublicNames returns the latest counted signers who chose to show their name. */
export async function recentPublicNames(
  db: Kysely<Database>,
  petitionId: number,
  limit: number,
): Promise<PublicName[]> {
  const rows = await db
    .selectFrom('signatures')
    .select(['name', 'region', 'counted_minute'])
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'counted')
    .where('show_name', '=', 1)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toPublicName);
}

function toPublicName(row: { name: string | null; region: string | null; counted_minute: number | null }): PublicName {
  return {
    name: row.name,
    region: row.region,
    countedMinute: row.counted_minute === null ? null : Number(row.counted_minute),
  };
}

/** listPublicNames returns every counted public name with its region and day, for the organiser's CSV. */
export async function listPublicNames(db: Kysely<Database>, petitionId: number): Promise<PublicName[]> {
  const rows = await db
    .selectFrom('signatures')
    .select(['name', 'region', 'counted_minute'])
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'counted')
    .where('show_name', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map(toPublicName);
}

/** purgeSignerHashes forgets the duplicate-stopping hashes and unconfirmed addresses of one petition. */
export async function purgeSignerHashes(db: Kysely<Database>, petitionId: number): Promise<void> {
  await db
    .updateTable('signatures')
    .set({ email_hash: null, email_enc: null, confirm_token_hash: null })
    .where('petition_id', '=', petitionId)
    .execute();
}

/**
 * unconfirmableSignatures returns up to `limit` pending signatures that can no longer be confirmed: their link
 * expired before `now` (found through the index on the expiry, migration 008), or their petition is closed.
 */
export async function unconfirmableSignatures(db: Kysely<Database>, now: number, limit: number): Promise<number[]> {
  const expired = await db
    .selectFrom('signatures')
    .select('id')
    .where('confirm_expires_at', '<', now)
    .where('status', '=', 'pending')
    .limit(limit)
    .execute();
  const closed =
    expired.length >= limit
      ? []
      : await db
          .selectFrom('signatures')
          .select('id')
          .where('status', '=', 'pending')
          .where('petition_id', 'in', (eb) => eb.selectFrom('petitions').select('id').where('status', '=', 'closed'))
          .limit(limit - expired.length)
          .execute();
  return [...new Set([...expired, ...closed].map((row) => Number(row.id)))];
}

/** deletePendingSignatures deletes pending signatures (a confirmed one is never touched) and says how many went. */
export async function deletePendingSignatures(db: Kysely<Database>, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('signatures')
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** waitingSignatures returns which of `ids` are pending with a link that still works at `now`. */
export async function waitingSignatures(db: Kysely<Database>, ids: number[], now: number): Promise<Set<number>> {
  const waiting = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('signatures')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'pending')
      .where('confirm_token_hash', 'is not', null)
      .where('confirm_expires_at', '>=', now)
      .execute();
    for (const row of rows) waiting.add(Number(row.id));
  }
  return waiting;
}

/** findSignatureById returns a signature by its row id (from a receipt code). */
export async function findSignatureById(db: Kysely<Database>, id: number): Promise<Signature | undefined> {
  const row = await db.selectFrom('signatures').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSignature(row);
}

/** countCountedInWindow counts a petition's counted signatures within a window of minutes (and region). */
export async function countCountedInWindow(
  db: Kysely<Database>,
  petitionId: number,
  window: { fromMinute: number; toMinute: number; region: string | null },
): Promise<number> {
  let query = db
    .selectFrom('signatures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'counted')
    .where('counted_minute', '>=', window.fromMinute)
    .where('counted_minute', '<=', window.toMinute);
  if (window.region) query = query.where('region', '=', window.region);
  return Number((await query.executeTakeFirst())?.n ?? 0);
}

/** countedInWindow returns the counted signatures of a petition counted within a window of minutes (and region). */
export async function countedInWindow(
  db: Kysely<Database>,
  petitionId: number,
  window: { fromMinute: number; toMinute: number; region: string | null },
): Promise<{ id: number; publicId: string }[]> {
  let query = db
    .selectFrom('signatures')
    .select(['id', 'public_id'])
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'counted')
    .where('counted_minute', '>=', window.fromMinute)
    .where('counted_minute', '<=', window.toMinute);
  if (window.region) query = query.where('region', '=', window.region);
  const rows = await query.orderBy('id').limit(100_001).execute();
  return rows.map((row) => ({ id: Number(row.id), publicId: row.public_id }));
}

/** insertInvalidation stores one batch invalidation and returns its row id. */
export async function insertInvalidation(
  db: Kysely<Database>,
  invalidation: Invalidation & { petitionId: number; createdBy: number },
): Promise<number> {
  const row = {
    public_id: invalidation.publicId,
    petition_id: invalidation.petitionId,
    reason: invalidation.reason,
    from_minute: invalidation.fromMinute,
    to_minute: invalidation.toMinute,
    region: invalidation.region,
    signatures: invalidation.signatures,
    created_by: invalidation.createdBy,
    created_at: invalidation.createdAt,
  };
  const inserted = await db.insertInto('invalidations').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** markInvalidated takes signatures out of the count as part of an invalidation. */
export async function markInvalidated(db: Kysely<Database>, ids: number[], invalidationId: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('signatures')
      .set({ status: 'invalidated', invalidation_id: invalidationId })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'counted')
      .execute();
  }
}

/** listInvalidations returns a petition's invalidations, newest first, for its public page and dashboard. */
export async function listInvalidations(db: Kysely<Database>, petitionId: number): Promise<Invalidation[]> {
  const rows = await db
    .selectFrom('invalidations')
    .select(['public_id', 'reason', 'signatures', 'created_at', 'from_minute', 'to_minute', 'region'])
    .where('petition_id', '=', petitionId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    publicId: row.public_id,
    reason: row.reason,
    signatures: Number(row.signatures),
    createdAt: Number(row.created_at),
    fromMinute: Number(row.from_minute),
    toMinute: Number(row.to_minute),
    region: row.region,
  }));
}

/** ratePerMinute returns how many signatures were counted in each recent minute, for the dashboard. */
export function ratePerMinute(db: Kysely<Database>, petitionId: number, sinceMinute: number) {
  return db
    .selectFrom('signatures')
    .select(['counted_minute as minute', (eb) => eb.fn.countAll<number>().as('signatures')])
    .where('petition_id', '=', petitionId)
    .where('counted_minute', '>=', sinceMinute)
    .where('status', 'in', ['counted', 'withdrawn', 'invalidated'])
    .groupBy('counted_minute')
    .orderBy('counted_minute')
    .execute();
}

/** publicNamesPage returns up to `limit` counted public names after row id `afterId`, for streaming the organiser's CSV. */
export async function publicNamesPage(
  db: Kysely<Database>,
  petitionId: number,
  afterId: number,
  limit: number,
): Promise<(PublicName & { id: number })[]> {
  const rows = await db
    .selectFrom('signatures')
    .select(['id', 'name', 'region', 'counted_minute'])
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'counted')
    .where('show_name', '=', 1)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: Number(row.id), ...toPublicName(row) }));
}
