import type { Kysely } from 'kysely';
import type { Database, SignatureRow, SignaturesTable } from './schema.ts';
import type { Insertable, Updateable } from 'kysely';

/** insertSignature stores a signature and returns its row id. */
export async function insertSignature(db: Kysely<Database>, row: Insertable<SignaturesTable>): Promise<number> {
  const inserted = await db.insertInto('signatures').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** findSignatureByEmailHash returns the petition's signature from one address, if any. */
export function findSignatureByEmailHash(db: Kysely<Database>, petitionId: number, emailHash: string): Promise<SignatureRow | undefined> {
  return db.selectFrom('signatures').selectAll().where('petition_id', '=', petitionId).where('email_hash', '=', emailHash).executeTakeFirst();
}

/** findSignatureByToken returns the signature a confirmation link was made for. */
export function findSignatureByToken(db: Kysely<Database>, tokenHash: string): Promise<SignatureRow | undefined> {
  return db.selectFrom('signatures').selectAll().where('confirm_token_hash', '=', tokenHash).executeTakeFirst();
}

/** findSignature returns a signature by public id. */
export function findSignature(db: Kysely<Database>, publicId: string): Promise<SignatureRow | undefined> {
  return db.selectFrom('signatures').selectAll().where('public_id', '=', publicId).executeTakeFirst();
}

/** updateSignature changes a signature; `expect` guards against a concurrent change (returns false if it lost). */
export async function updateSignature(db: Kysely<Database>, id: number, expectStatus: SignatureRow['status'],
  change: Updateable<SignaturesTable>): Promise<boolean> {
  const result = await db.updateTable('signatures').set(change).where('id', '=', id).where('status', '=', expectStatus).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** recentPublicNames returns the latest counted signers who chose to show their name. */
export function recentPublicNames(db: Kysely<Database>, petitionId: number, limit: number) {
  return db.selectFrom('signatures').select(['name', 'region', 'counted_minute'])
    .where('petition_id', '=', petitionId).where('status', '=', 'counted').where('show_name', '=', 1)
    .orderBy('id', 'desc').limit(limit).execute();
}

/** listPublicNames returns every counted public name with its region and day, for the organiser's CSV. */
export function listPublicNames(db: Kysely<Database>, petitionId: number) {
  return db.selectFrom('signatures').select(['name', 'region', 'counted_minute'])
    .where('petition_id', '=', petitionId).where('status', '=', 'counted').where('show_name', '=', 1)
    .orderBy('id').execute();
}

/** purgeSignerHashes forgets the duplicate-stopping hashes and unconfirmed addresses of one petition. */
export async function purgeSignerHashes(db: Kysely<Database>, petitionId: number): Promise<void> {
  await db.updateTable('signatures').set({ email_hash: null, email_enc: null, confirm_token_hash: null })
    .where('petition_id', '=', petitionId).execute();
}

/** countedInWindow returns the counted signatures of a petition counted within a window of minutes (and region). */
export function countedInWindow(db: Kysely<Database>, petitionId: number, window: { fromMinute: number; toMinute: number; region: string | null }) {
  let query = db.selectFrom('signatures').select(['id', 'public_id']).where('petition_id', '=', petitionId)
    .where('status', '=', 'counted').where('counted_minute', '>=', window.fromMinute).where('counted_minute', '<=', window.toMinute);
  if (window.region) query = query.where('region', '=', window.region);
  return query.orderBy('id').limit(100_001).execute();
}

/** insertInvalidation stores one batch invalidation and returns its row id. */
export async function insertInvalidation(db: Kysely<Database>, row: Insertable<Database['invalidations']>): Promise<number> {
  const inserted = await db.insertInto('invalidations').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** markInvalidated takes signatures out of the count as part of an invalidation. */
export async function markInvalidated(db: Kysely<Database>, ids: number[], invalidationId: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db.updateTable('signatures').set({ status: 'invalidated', invalidation_id: invalidationId })
      .where('id', 'in', ids.slice(i, i + 500)).where('status', '=', 'counted').execute();
  }
}

/** listInvalidations returns a petition's invalidations, newest first, for its public page and dashboard. */
export function listInvalidations(db: Kysely<Database>, petitionId: number) {
  return db.selectFrom('invalidations').select(['public_id', 'reason', 'signatures', 'created_at', 'from_minute', 'to_minute', 'region'])
    .where('petition_id', '=', petitionId).orderBy('id', 'desc').execute();
}

/** ratePerMinute returns how many signatures were counted in each recent minute, for the dashboard. */
export function ratePerMinute(db: Kysely<Database>, petitionId: number, sinceMinute: number) {
  return db.selectFrom('signatures').select(['counted_minute as minute', (eb) => eb.fn.countAll<number>().as('signatures')])
    .where('petition_id', '=', petitionId).where('counted_minute', '>=', sinceMinute).where('status', 'in', ['counted', 'withdrawn', 'invalidated'])
    .groupBy('counted_minute').orderBy('counted_minute').execute();
}

/** publicNamesPage returns up to `limit` counted public names after row id `afterId`, for streaming the organiser's CSV. */
export function publicNamesPage(db: Kysely<Database>, petitionId: number, afterId: number, limit: number) {
  return db.selectFrom('signatures').select(['id', 'name', 'region', 'counted_minute'])
    .where('petition_id', '=', petitionId).where('status', '=', 'counted').where('show_name', '=', 1)
    .where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
